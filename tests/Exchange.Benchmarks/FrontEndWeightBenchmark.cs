using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Benchmarks;

/// <summary>
/// What a first visit transfers: every response a page loads (document, scripts, styles, icons
/// and API calls), as bytes on the wire after compression, measured by Chromium itself.
/// </summary>
public static class FrontEndWeightBenchmark
{
    private const long Budget = 100 * 1024;

    public static async Task<bool> RunAsync(Azurite azurite)
    {
        Console.WriteLine("\n== Front-end weight of a first visit (compressed bytes on the wire, everything the page loads)");
        await using var app = await App.StartAsync(azurite, new Dictionary<string, string>
        {
            ["Site__WebRoot"] = Repository.WebDist,
            ["Site__SeedDemo"] = "true",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });

        var ok = true;
        foreach (var (name, path) in new[] { ("home page", "/"), ("catalogue page", "/practices") })
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
            var page = await context.NewPageAsync();
            var requests = new List<IRequest>();
            page.RequestFinished += (_, request) => requests.Add(request);
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            long total = 0;
            foreach (var request in requests)
            {
                var sizes = await request.SizesAsync();
                total += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            }
            var pass = total < Budget;
            ok &= pass;
            Console.WriteLine($"  {name,-15} {requests.Count,2} requests, {total / 1024.0,6:F1} KB transferred (budget {Budget / 1024} KB) → {(pass ? "PASS" : "FAIL")}");
            await context.CloseAsync();
        }
        return ok;
    }
}
