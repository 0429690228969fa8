using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

[Collection("Browser")]
public sealed class MaterialJourneyTests
{
    [Fact]
    public async Task A_partner_uploads_two_language_versions_and_visitors_get_theirs_and_find_words_inside()
    {
        var stack = await BrowserStack.InstanceAsync();
        await stack.JourneyAsync("material", async () =>
        {
            var word = "zq" + Guid.NewGuid().ToString("N")[..8];
            var title = $"Mediazione familiare in Italia {word[..6]}";
            // The Italian file goes from the browser straight to Blob storage, in blocks, over a
            // connection throttled to about six seconds, so its progress is shown for long enough
            // to be seen whatever the machine's load; the search word appears only inside it, not
            // in any title or description.
            var italian = Documents.Pdf([.. Enumerable.Range(0, 400).Select(i => $"Riga {i}: la mediazione familiare aiuta i genitori separati."), $"Parola nascosta {word}"]);
            var english = Documents.Pdf("Family mediation in Italy", "An overview for practitioners.");

            var coordinator = await stack.SignInAsync(BrowserStack.CoordinatorEmail);
            var organisation = await stack.PostAsync(coordinator, "/api/organisations",
                new { name = Unique.Name("Centro per le famiglie"), country = "IT", city = "Forlì", kind = "family-centre" });
            var partner = await stack.InvitePartnerAsync(coordinator, organisation.GetProperty("id").GetString()!, Unique.Email("editor"));

            // 1. The partner describes the material, then uploads the Italian and the English file.
            await partner.GetByRole(AriaRole.Link, new() { Name = "My materials" }).ClickAsync();
            await partner.GetByRole(AriaRole.Link, new() { Name = "New material" }).ClickAsync();
            await partner.GetByLabel("Original language").SelectOptionAsync("it");
            await partner.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
            await partner.GetByLabel("Description").FillAsync("Un quadro della mediazione familiare.");
            await partner.GetByLabel("Category").SelectOptionAsync("case-study");
            await partner.GetByLabel("Year").FillAsync("2016");
            await partner.GetByRole(AriaRole.Button, new() { Name = "Save material" }).ClickAsync();
            await Expect(partner.GetByLabel("Language of the file")).ToBeVisibleAsync();

            // The bytes go to storage, not through the app.
            var blobRequests = new List<string>();
            partner.Request += (_, request) =>
            {
                if (request.Method == "PUT" && request.Url.StartsWith(stack.Azurite.Blobs.Uri.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
                {
                    blobRequests.Add(request.Url);
                }
            };
            var cdp = await partner.Context.NewCDPSessionAsync(partner);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false, ["latency"] = 20, ["downloadThroughput"] = -1, ["uploadThroughput"] = Math.Max(2048, italian.Length / 6),
            });
            await partner.GetByLabel("Language of the file").SelectOptionAsync("it");
            await partner.GetByLabel("Choose a file").SetInputFilesAsync(new FilePayload { Name = "mediazione-familiare.pdf", MimeType = "application/pdf", Buffer = italian });
            await partner.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
            var progress = partner.GetByRole(AriaRole.Progressbar, new() { Name = "Upload progress" });
            await Expect(progress).ToBeVisibleAsync();
            await Expect(partner.GetByText("The Italian file is uploaded.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            Assert.Contains(blobRequests, url => url.Contains("comp=block&", StringComparison.Ordinal));
            Assert.Contains(blobRequests, url => url.Contains("comp=blocklist", StringComparison.Ordinal));
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
            });

            await partner.GetByLabel("Language of the file").SelectOptionAsync("en");
            await partner.GetByLabel("Choose a file").SetInputFilesAsync(new FilePayload { Name = "family-mediation.pdf", MimeType = "application/pdf", Buffer = english });
            await partner.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
            await Expect(partner.GetByText("The English file is uploaded.")).ToBeVisibleAsync();
            // The page follows the reading of both files' text by itself, without a reload.
            await Expect(partner.GetByText("Searchable: the library search finds words inside it")).ToHaveCountAsync(2, new() { Timeout = 60_000 });

            // 2. A visitor with the site in English downloads the English file ...
            var visitor = await stack.NewPageAsync();
            await visitor.GotoAsync("/materials?q=" + Uri.EscapeDataString(title));
            var card = visitor.GetByRole(AriaRole.Article).Filter(new() { HasText = word[..6] });
            var englishLink = card.GetByRole(AriaRole.Link, new() { NameRegex = new("^Download \\(English") }).First;
            await Expect(englishLink).ToBeVisibleAsync();
            var download = await visitor.RunAndWaitForDownloadAsync(() => englishLink.ClickAsync());
            Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
            Assert.Equal(english, await File.ReadAllBytesAsync((await download.PathAsync())!));

            // ... and "Read" opens it in the browser's own PDF viewer instead of saving it.
            var downloads = 0;
            var fromStorage = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            visitor.Context.Response += (_, response) =>
            {
                if (response.Url.StartsWith(stack.Azurite.Blobs.Uri.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
                {
                    fromStorage.TrySetResult(response);
                }
            };
            var read = card.GetByRole(AriaRole.Link, new() { NameRegex = new("^Read \\(English") });
            var reader = await visitor.Context.RunAndWaitForPageAsync(() => read.ClickAsync());
            reader.Download += (_, _) => downloads++;
            var shown = await fromStorage.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(200, shown.Status);
            Assert.Equal("application/pdf", (await shown.HeaderValueAsync("content-type"))?.Split(';')[0]);
            Assert.StartsWith("inline;", await shown.HeaderValueAsync("content-disposition"), StringComparison.Ordinal);
            Assert.Equal(english.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await shown.HeaderValueAsync("content-length"));
            // Shown in the tab (Chromium wraps the PDF in its viewer), not saved.
            Assert.Equal(shown.Url, reader.Url);
            Assert.Equal(0, downloads);
            await reader.CloseAsync();

            // With the site switched to Italian, the Italian file is offered first, and comes in Italian.
            await visitor.GetByLabel("Language").First.SelectOptionAsync("it");
            // The main link is the preferred version's; it changes once the library has answered in Italian.
            var italianLink = card.Locator(".download").GetByRole(AriaRole.Link, new() { NameRegex = new("^Scarica \\(Italiano") });
            await Expect(italianLink).ToBeVisibleAsync();
            var scaricato = await visitor.RunAndWaitForDownloadAsync(() => italianLink.ClickAsync());
            Assert.Equal("mediazione-familiare.pdf", scaricato.SuggestedFilename);
            Assert.Equal(italian, await File.ReadAllBytesAsync((await scaricato.PathAsync())!));

            // 3. A word found only inside the Italian PDF finds the material, and says where.
            // The words are extracted off the upload's path, so search again until they are in.
            var searcher = await stack.NewPageAsync(390, 844);
            var found = searcher.GetByRole(AriaRole.Article).Filter(new() { HasText = word[..6] });
            for (var attempt = 0; attempt < 30 && await found.CountAsync() == 0; attempt++)
            {
                await searcher.GotoAsync("/materials");
                await searcher.GetByLabel("Search materials").FillAsync(word);
                await searcher.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
                await searcher.WaitForLoadStateAsync(LoadState.NetworkIdle);
            }
            await Expect(found).ToBeVisibleAsync();
            await Expect(found.GetByText("Found in: Italian version")).ToBeVisibleAsync();
            Assert.Empty(stack.PageErrors);
        });
    }
}
