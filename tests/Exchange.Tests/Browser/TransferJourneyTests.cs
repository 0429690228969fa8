using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

/// <summary>From exchange to transfer: a comment, its digest, "we tried this", and the handbook a visitor downloads.</summary>
[Collection("Browser")]
public sealed class TransferJourneyTests
{
    [Fact]
    public async Task An_editor_comments_the_owner_gets_the_digest_the_editor_records_we_tried_this_and_a_visitor_downloads_the_handbook()
    {
        var stack = await BrowserStack.InstanceAsync();
        await stack.JourneyAsync("transfer", async () =>
        {
            var coordinator = await stack.SignInAsync(BrowserStack.CoordinatorEmail);
            var ownerName = Unique.Name("Comune di Ozieri");
            var adopterName = Unique.Name("Sofia family centre");
            var owner = await stack.CreateOrganisationAsync(coordinator, ownerName, "IT", "Ozieri", "municipality");
            var adopter = await stack.CreateOrganisationAsync(coordinator, adopterName, "BG", "Sofia", "family-centre");
            var ownerEmail = Unique.Email("owner-editor");
            var ownerEditor = await stack.InvitePartnerAsync(coordinator, owner, ownerEmail);
            // First by name, so the handbook's practice list offers it even beside many others.
            var practiceName = "AAA Gruppi di parola " + owner[^6..];
            var practice = await stack.PostAsync(ownerEditor, "/api/practices", new
            {
                organisationId = owner, language = "it", country = "IT", city = "Ozieri", startYear = 2015, ongoing = true,
                fields = new[] { "family-mediation" }, targetGroups = new[] { "parents" }, contactVisible = false,
                text = new { name = practiceName, objectives = "Ridurre il conflitto tra genitori.", description = "Gruppi di parola per genitori separati.", evaluation = "Questionari.", indicators = new[] { new { name = "Famiglie", value = "40" } } },
            });
            var id = practice.GetProperty("id").GetString()!;
            var submitted = await stack.SendAsync(ownerEditor, "POST", $"/api/practices/{id}/submit", etag: practice.GetProperty("etag").GetString());
            await stack.SendAsync(coordinator, "POST", $"/api/practices/{id}/publish", etag: submitted.GetProperty("etag").GetString());

            // 1. An editor of another partner comments on the practice, on a phone.
            var editor = await stack.InvitePartnerAsync(coordinator, adopter, Unique.Email("adopter-editor"), 390, 844);
            await editor.GotoAsync($"/practices/{id}");
            await editor.GetByLabel("Your name").FillAsync("Anna Petrova");
            await editor.GetByLabel("Comment", new() { Exact = true }).FillAsync("We would like to try this in Sofia. Our notes: https://example.org/notes");
            await editor.GetByLabel("Language of your comment").SelectOptionAsync("en");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
            await Expect(editor.GetByText("Your comment is posted.")).ToBeAttachedAsync();
            var link = editor.Locator(".comment-text a");
            await Expect(link).ToHaveAttributeAsync("rel", "nofollow ugc noopener");
            await Axe.AssertNoViolationsAsync(editor, "practice page with a comment");

            // 2. The practice's organisation gets the digest.
            await stack.PostAsync(coordinator, "/api/testing/timers/SendDiscussionDigest", new { });
            var digest = await stack.NextMailAsync(ownerEmail, "discussion-digest");
            Assert.NotNull(digest);
            Assert.Contains("We would like to try this in Sofia.", digest.Text, StringComparison.Ordinal);
            Assert.Contains("Anna Petrova", digest.Text, StringComparison.Ordinal);

            // 3. The editor records "we tried this" with an outcome.
            await editor.GetByRole(AriaRole.Button, new() { Name = "We tried this" }).ClickAsync();
            await editor.GetByLabel("What you did").SelectOptionAsync("adapted");
            await editor.GetByLabel("Started on").FillAsync("2026-02-01");
            await editor.GetByLabel("What you changed to fit your context").FillAsync("Groups meet in the evening with a Bulgarian-speaking facilitator.");
            await editor.GetByLabel("Who it serves").FillAsync("Separated parents in Sofia");
            await editor.GetByLabel("Where it stands").SelectOptionAsync("trying");
            await editor.GetByLabel("Indicator", new() { Exact = true }).FillAsync("Families reached");
            await editor.GetByLabel("Value", new() { Exact = true }).FillAsync("12");
            await Axe.AssertNoViolationsAsync(editor, "we tried this form");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Save record" }).ClickAsync();
            await Expect(editor.GetByText("Your record is saved.")).ToBeAttachedAsync();

            // 4. The practice page shows it to a visitor.
            var visitor = await stack.NewPageAsync();
            await visitor.GotoAsync($"/practices/{id}");
            var takenUp = visitor.Locator("section.taken-up");
            await Expect(takenUp.GetByRole(AriaRole.Link, new() { Name = adopterName })).ToBeVisibleAsync();
            await Expect(takenUp.GetByText("Trying it")).ToBeVisibleAsync();
            await Expect(takenUp.GetByText("Families reached")).ToBeVisibleAsync();
            await Expect(visitor.GetByText("Anna Petrova")).ToBeVisibleAsync();

            // 5. The coordinator composes and generates a two-language handbook.
            var title = Unique.Name("Handbook of European Best Practices");
            await coordinator.GotoAsync("/admin/handbooks");
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "New handbook" }).ClickAsync();
            await coordinator.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
            await coordinator.GetByLabel("Published in the library by").SelectOptionAsync(owner);
            await coordinator.GetByLabel("Introduction (English)").FillAsync("The practices the partners exchanged, to try at home.");
            await coordinator.GetByLabel("Introduction (Italian)").FillAsync("Le pratiche che i partner si sono scambiati.");
            await coordinator.GetByLabel("Chapter title (English)").FillAsync("Family mediation");
            await coordinator.GetByLabel("Chapter title (Italian)").FillAsync("Mediazione familiare");
            await coordinator.GetByLabel("Add a published practice").SelectOptionAsync(id);
            await Axe.AssertNoViolationsAsync(coordinator, "handbook form");
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Save handbook" }).ClickAsync();
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Generate the handbook" }).ClickAsync();
            await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Files (revision 1)" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Axe.AssertNoViolationsAsync(coordinator, "handbook page");

            // 6. A visitor finds it in the library and downloads it.
            await visitor.GotoAsync($"/materials?q={Uri.EscapeDataString(title)}");
            var card = visitor.Locator("article", new() { HasText = title }).First;
            await Expect(card).ToBeVisibleAsync();
            var download = await visitor.RunAndWaitForDownloadAsync(() => card.GetByRole(AriaRole.Link, new() { Name = "Download" }).First.ClickAsync());
            var path = await download.PathAsync();
            var bytes = await File.ReadAllBytesAsync(path!);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
            Assert.Contains(pdf.GetPages(), p => p.Text.Contains(practiceName.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal)
                || string.Join(" ", p.GetWords().Select(w => w.Text)).Contains(practiceName, StringComparison.Ordinal));
        });
    }
}
