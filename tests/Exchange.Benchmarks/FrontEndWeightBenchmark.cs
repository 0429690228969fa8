using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Benchmarks;

/// <summary>
/// The public pages as a first-time visitor on a phone gets them: what a first visit transfers (every response a page
/// loads, as bytes on the wire after compression, measured by Chromium itself), and Lighthouse's scores in its default
/// mobile profile (a mid-range phone on a slow 4G connection, simulated), with the demo content.
/// </summary>
public static class FrontEndWeightBenchmark
{
    private const long Budget = 60 * 1024;
    private const int PerformanceTarget = 95;
    private const double ShiftTarget = 0.05;
    private const int Runs = 3;

    public static async Task<bool> RunAsync(Azurite azurite)
    {
        Console.WriteLine("\n== Front-end weight of a first visit (compressed bytes on the wire, everything the page loads)");
        await using var app = await App.StartAsync(azurite, new Dictionary<string, string>
        {
            ["Site__WebRoot"] = Repository.WebDist,
            ["Site__SeedDemo"] = "true",
        });
        var practice = await DemoPracticeAsync(app.BaseUrl);
        var pages = new[] { ("home page", "/", true), ("catalogue", "/practices", true), ("a practice", practice, false), ("library", "/materials", false) };

        var ok = true;
        using (var playwright = await Playwright.CreateAsync())
        {
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            });
            foreach (var (name, path, budgeted) in pages)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
                var page = await context.NewPageAsync();
                var requests = new List<IRequest>();
                page.RequestFinished += (_, request) => requests.Add(request);
                await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
                long total = 0, scripts = 0;
                foreach (var request in requests)
                {
                    var sizes = await request.SizesAsync();
                    total += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
                    scripts += request.ResourceType == "script" ? sizes.ResponseBodySize + sizes.ResponseHeadersSize : 0;
                }
                var pass = !budgeted || total < Budget;
                ok &= pass;
                var verdict = budgeted ? $"(budget {Budget / 1024} KB) → {(pass ? "PASS" : "FAIL")}" : "";
                Console.WriteLine($"  {name,-12} {requests.Count,2} requests, {total / 1024.0,5:F1} KB transferred, of which script {scripts / 1024.0,5:F1} KB {verdict}");
                await context.CloseAsync();
            }
        }

        Console.WriteLine($"\n== Lighthouse, mobile profile (median of {Runs} runs; targets: performance ≥ {PerformanceTarget}, the others 100, CLS ≤ {ShiftTarget})");
        Console.WriteLine($"  {"page",-12} {"perf",4} {"a11y",4} {"best",4} {"seo",4} {"CLS",6} {"FCP",7} {"LCP",7} {"TBT",7}");
        foreach (var (name, path, _) in pages)
        {
            var runs = new List<LighthouseRun>();
            for (var i = 0; i < Runs; i++)
            {
                if (await LighthouseAsync(app.BaseUrl + path) is { } run)
                {
                    runs.Add(run);
                }
            }
            if (runs.Count == 0)
            {
                ok = false;
                Console.WriteLine($"  {name,-12} Lighthouse gave no result → FAIL");
                continue;
            }
            double Median(Func<LighthouseRun, double> of) => runs.Select(of).Order().ElementAt(runs.Count / 2);
            var (performance, accessibility, bestPractices, seo, shift) =
                (Median(r => r.Performance), Median(r => r.Accessibility), Median(r => r.BestPractices), Median(r => r.Seo), Median(r => r.Shift));
            var pass = performance >= PerformanceTarget && accessibility >= 100 && bestPractices >= 100 && seo >= 100 && shift <= ShiftTarget;
            ok &= pass;
            Console.WriteLine($"  {name,-12} {performance,4:F0} {accessibility,4:F0} {bestPractices,4:F0} {seo,4:F0} {shift,6:F3} " +
                $"{Median(r => r.FirstPaint),5:F0}ms {Median(r => r.LargestPaint),5:F0}ms {Median(r => r.Blocking),5:F0}ms → {(pass ? "PASS" : "FAIL")}" +
                (runs.Count < Runs ? $" ({runs.Count} of {Runs} runs gave a result)" : ""));
        }
        return ok;
    }

    /// <summary>The first demo practice, for a practice page with real content.</summary>
    private static async Task<string> DemoPracticeAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        for (var i = 0; i < 120; i++)
        {
            var overview = await http.GetFromJsonAsync<JsonElement>("/api/site/overview");
            if (overview.GetProperty("newestPractices").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } practice)
            {
                return $"/practices/{Uri.EscapeDataString(practice.GetProperty("id").GetString()!)}";
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException("The demo content has no published practice.");
    }

    private sealed record LighthouseRun(double Performance, double Accessibility, double BestPractices, double Seo, double Shift, double FirstPaint, double LargestPaint, double Blocking);

    /// <summary>One Lighthouse run from npm (the package pinned in package.json) with Debian's Chromium; null when it could not measure.</summary>
    private static async Task<LighthouseRun?> LighthouseAsync(string url)
    {
        var report = Path.Combine(Path.GetTempPath(), $"exchange-lighthouse-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                Path.Combine(Repository.Root, "node_modules", "lighthouse", "cli", "index.js"), url, "--quiet", "--output=json", $"--output-path={report}",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic",
            },
            WorkingDirectory = Repository.Root,
        };
        start.Environment["CHROME_PATH"] = "/usr/bin/chromium";
        try
        {
            await using (var lighthouse = new ChildProcess(start))
            {
                await lighthouse.WaitForExitAsync(TimeSpan.FromMinutes(3));
            }
            if (!File.Exists(report))
            {
                return null;
            }
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            var categories = json.RootElement.GetProperty("categories");
            var audits = json.RootElement.GetProperty("audits");
            double? Score(string category) => categories.GetProperty(category).GetProperty("score") is { ValueKind: JsonValueKind.Number } s ? s.GetDouble() * 100 : null;
            double? Value(string audit) => audits.GetProperty(audit).TryGetProperty("numericValue", out var v) ? v.GetDouble() : null;
            return (Score("performance"), Score("accessibility"), Score("best-practices"), Score("seo"), Value("cumulative-layout-shift")) is ({ } p, { } a, { } b, { } s, { } cls)
                ? new LighthouseRun(p, a, b, s, cls, Value("first-contentful-paint") ?? 0, Value("largest-contentful-paint") ?? 0, Value("total-blocking-time") ?? 0)
                : null;
        }
        finally
        {
            File.Delete(report);
        }
    }
}
