using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

[Collection("Browser")]
public sealed class StorageOutageJourneyTests
{
    [Fact]
    public async Task While_storage_is_out_the_site_says_so_in_english_and_italian_without_blaming_the_visitor()
    {
        var stack = await BrowserStack.InstanceAsync();
        await using var azurite = await Azurite.StartIsolatedAsync();
        await using var app = await StandaloneApp.StartAsync(azurite, new Dictionary<string, string>
        {
            ["Site__WebRoot"] = Repository.WebDist,
            ["Storage__BreakDuration"] = "00:00:02",
        });
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // A storage-backed route, so the start-up gate (tables, containers, CORS) is open before the outage.
        while ((await http.GetAsync("/api/organisations")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "storage never became ready");
            await Task.Delay(200);
        }
        await azurite.KillAsync();

        foreach (var (locale, message) in new[]
        {
            ("en-GB", "We can’t reach our storage right now. Nothing you entered was wrong: try again in a moment."),
            ("it-IT", "Al momento non riusciamo a raggiungere il nostro archivio. I dati inseriti sono corretti: riprova tra un momento."),
        })
        {
            await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = locale });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/partners");
            await Expect(page.GetByText(message)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
    }
}
