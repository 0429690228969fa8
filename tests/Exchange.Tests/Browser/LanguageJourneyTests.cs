using Exchange.Common;
using Exchange.Tests.Infrastructure;
using Exchange.Tests.Unit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

[Collection("Browser")]
public sealed class LanguageJourneyTests
{
    [Fact]
    public async Task A_visitor_switches_the_catalogue_and_a_practice_to_each_language_and_sees_no_key_and_no_english_fallback()
    {
        var stack = await BrowserStack.InstanceAsync();
        var coordinator = await stack.SignInAsync(BrowserStack.CoordinatorEmail, bypassCsp: true);
        var organisation = await stack.PostAsync(coordinator, "/api/organisations",
            new { name = Unique.Name("Perhekeskus"), country = "FI", city = "Tampere", kind = "family-centre" });
        var organisationId = organisation.GetProperty("id").GetString()!;
        var draft = await stack.PostAsync(coordinator, "/api/practices", new
        {
            organisationId, language = "fi", country = "FI", city = "Tampere", startYear = 2018, ongoing = true,
            fields = new[] { "parent-child-groups" }, targetGroups = new[] { "parents" }, contactVisible = false,
            text = new { name = "Perhekahvila " + organisationId[^6..], objectives = "Vertaistukea vanhemmille.", description = "Avoin kohtaamispaikka lapsiperheille.", evaluation = "Kyselyt.", indicators = Array.Empty<object>() },
        });
        var practiceId = draft.GetProperty("id").GetString()!;
        var submitted = await stack.SendAsync(coordinator, "POST", $"/api/practices/{practiceId}/submit", null, draft.GetProperty("etag").GetString());
        await stack.SendAsync(coordinator, "POST", $"/api/practices/{practiceId}/publish", null, submitted.GetProperty("etag").GetString());
        var page = await stack.NewPageAsync();
        var i18n = Path.Combine(Repository.Root, "web", "src", "i18n");
        var english = LanguageCatalogueTests.Entries(Path.Combine(i18n, "en.ts"));
        var codes = SupportedLanguages.Codes.Where(c => c != "en").ToList();
        Assert.Contains("de", codes);

        await page.GotoAsync("/practices");
        foreach (var code in codes)
        {
            var catalogue = LanguageCatalogueTests.Entries(Path.Combine(i18n, $"{code}.ts"));
            // English sentences this language says otherwise: seeing one means a fallback.
            var telltales = english.Where(e => e.Value.Length >= 12 && !e.Value.Contains('{') && catalogue.GetValueOrDefault(e.Key) != e.Value)
                .Select(e => e.Value).ToList();

            await page.GotoAsync("/practices");
            await page.Locator("#lang-select").SelectOptionAsync(code);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
            await Expect(page.Locator("main h1")).ToHaveTextAsync(catalogue["catalogue.title"]);
            await AssertTranslated(page, code, telltales, english.Keys);

            await page.GotoAsync($"/practices/{practiceId}");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = catalogue["detail.back"] })).ToBeVisibleAsync();
            await AssertTranslated(page, code, telltales, english.Keys);
        }
    }

    private static async Task AssertTranslated(IPage page, string code, IReadOnlyList<string> telltales, IEnumerable<string> keys)
    {
        var text = await page.Locator("body").InnerTextAsync();
        var english = telltales.Where(t => text.Contains(t, StringComparison.Ordinal)).ToList();
        Assert.True(english.Count == 0, $"{code} {page.Url}: English shown: {string.Join(" | ", english)}");
        var shownKeys = keys.Where(k => k.Contains('.') && text.Contains(k, StringComparison.Ordinal)).ToList();
        Assert.True(shownKeys.Count == 0, $"{code} {page.Url}: keys shown: {string.Join(", ", shownKeys)}");
    }
}
