using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

[Collection("Browser")]
public sealed class PracticeJourneyTests
{
    private const string Markup = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=1</script>";

    [Fact]
    public async Task A_partner_submits_in_italian_with_a_translation_the_coordinator_moderates_and_visitors_find_it()
    {
        var stack = await BrowserStack.InstanceAsync();
        await stack.JourneyAsync("practice", async () =>
        {
        var word = "Zq" + Guid.NewGuid().ToString("N")[..8];
        var name = $"Comunità educante {word}";
        var coordinator = await stack.SignInAsync(BrowserStack.CoordinatorEmail);
        var organisation = await stack.PostAsync(coordinator, "/api/organisations",
            new { name = Unique.Name("Centro famiglie"), country = "IT", city = "Imola", kind = "family-centre" });
        var partner = await stack.InvitePartnerAsync(coordinator, organisation.GetProperty("id").GetString()!, Unique.Email("editor"));

        // 1. The partner writes the practice in Italian (with markup that must stay inert) ...
        await partner.GetByRole(AriaRole.Link, new() { Name = "My practices" }).ClickAsync();
        await partner.GetByRole(AriaRole.Link, new() { Name = "New practice" }).ClickAsync();
        await partner.GetByLabel("Name of the practice").FillAsync(name);
        await partner.GetByLabel("Language of the text").SelectOptionAsync("it");
        await partner.GetByLabel("Country").SelectOptionAsync("IT");
        await partner.GetByLabel("City").FillAsync("Imola");
        await partner.GetByLabel("Start year").FillAsync("2019");
        await partner.GetByLabel("Ongoing").CheckAsync();
        await partner.GetByLabel("Objectives").FillAsync("Rafforzare le reti tra famiglie.");
        await partner.GetByLabel("Description / overview").FillAsync("Gruppi di genitori nella città. " + Markup);
        await partner.GetByRole(AriaRole.Group, new() { Name = "Field of application" }).GetByLabel("Family mediation").CheckAsync();
        await partner.GetByRole(AriaRole.Group, new() { Name = "Target group" }).GetByLabel("Parents", new() { Exact = true }).CheckAsync();
        await partner.GetByLabel("Evaluation / impact / outcomes").FillAsync("Questionari alle famiglie.");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(partner.GetByText("Saved").First).ToBeVisibleAsync();

        // ... adds the English translation and submits.
        var translation = partner.GetByRole(AriaRole.Form, new() { Name = "Translation" });
        await translation.GetByLabel("Translation language").SelectOptionAsync("en");
        await translation.GetByLabel("Name of the practice").FillAsync($"Educating community {word}");
        await translation.GetByLabel("Objectives").FillAsync("Strengthen networks between families.");
        await translation.GetByLabel("Description / overview").FillAsync("Parent groups in the town.");
        await translation.GetByLabel("Evaluation / impact / outcomes").FillAsync("Questionnaires for families.");
        await translation.GetByRole(AriaRole.Button, new() { Name = "Save translation" }).ClickAsync();
        await Expect(partner.GetByText("Translation saved (English).")).ToBeVisibleAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(partner.GetByText("Awaiting review", new() { Exact = true }).First).ToBeVisibleAsync();
        var practiceUrl = partner.Url;

        // 2. The coordinator asks for changes; the partner revises and resubmits.
        await coordinator.GotoAsync(new Uri(practiceUrl).PathAndQuery);
        await coordinator.GetByLabel("Comment for the partner").FillAsync("Please describe how families are reached.");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Request changes" }).ClickAsync();
        await Expect(coordinator.GetByText("Changes requested", new() { Exact = true }).First).ToBeVisibleAsync();

        await partner.ReloadAsync();
        await Expect(partner.GetByText("Please describe how families are reached.").First).ToBeVisibleAsync();
        await partner.GetByLabel("Description / overview").First.FillAsync("Gruppi di genitori nella città, contattati dai servizi sociali. " + Markup);
        await partner.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(partner.GetByText("Saved").First).ToBeVisibleAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(partner.GetByText("Awaiting review", new() { Exact = true }).First).ToBeVisibleAsync();

        // 3. The coordinator publishes it.
        await coordinator.ReloadAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(coordinator.GetByText("Published", new() { Exact = true }).First).ToBeVisibleAsync();

        // 4. Visitors find it by an Italian word typed without its accent, and narrow with a facet.
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            var visitor = await stack.NewPageAsync(width, height);
            await visitor.GotoAsync("/practices");
            await visitor.GetByLabel("Search practices").FillAsync($"comunita {word}");
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            var result = visitor.GetByRole(AriaRole.Article).Filter(new() { HasText = word });
            await Expect(result).ToBeVisibleAsync();
            Assert.Contains("q=", visitor.Url, StringComparison.Ordinal);

            if (width < 600)
            {
                await visitor.GetByText("Filters", new() { Exact = true }).ClickAsync();
            }
            await visitor.GetByRole(AriaRole.Group, new() { Name = "Field of application" }).GetByRole(AriaRole.Checkbox, new() { NameRegex = new("^Family mediation") }).CheckAsync();
            await Expect(visitor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("field=family-mediation"));
            await Expect(result).ToBeVisibleAsync();
            await visitor.GetByRole(AriaRole.Group, new() { Name = "Target group" }).GetByRole(AriaRole.Checkbox).First.IsVisibleAsync();

            // The detail page shows the markup as text, and no script ran.
            await result.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(word);
            await visitor.GetByLabel("Text language").SelectOptionAsync("it");
            await Expect(visitor.GetByText("onerror", new() { Exact = false }).First).ToBeVisibleAsync();
            Assert.Null(await visitor.EvaluateAsync<int?>("() => window.__xss ?? null"));
        }
        Assert.Empty(stack.PageErrors);
        });
    }
}
