using System.Diagnostics;
using Exchange.Tests.Infrastructure;

namespace Exchange.Benchmarks;

/// <summary>
/// Cold start: from process launch to the first 200 from /api/health, for the published
/// function app in hosted mode, against a bare ASP.NET Core app published the same way.
/// </summary>
public static class ColdStartBenchmark
{
    private const int Rounds = 7;

    public static async Task<bool> RunAsync(Azurite azurite)
    {
        Console.WriteLine("\n== Cold start of the published executable (hosted mode) vs a bare ASP.NET Core app");
        var root = Path.Combine(Path.GetTempPath(), "exchange-coldstart-" + Guid.NewGuid().ToString("N")[..8]);
        var ours = Path.Combine(root, "functionapp");
        var bare = Path.Combine(root, "bare");
        await Shell.RunAsync("bash", Path.Combine(Repository.Root, "publish.sh"), ours);
        await Shell.RunAsync("bash", "-c", $"source tools/common.sh && publish_self_contained tests/Exchange.Benchmarks.BareApp '{bare}'");

        var oursTimes = new List<double>();
        var bareTimes = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            // Alternate, so drift in the machine's load falls on both alike.
            oursTimes.Add(await TimeToHealthyAsync(Path.Combine(ours, "Exchange.Functions"), ours, new Dictionary<string, string>
            {
                ["Storage__ConnectionString"] = azurite.ConnectionString,
                ["Logging__LogLevel__Default"] = "Warning",
            }));
            bareTimes.Add(await TimeToHealthyAsync(Path.Combine(bare, "Exchange.Benchmarks.BareApp"), bare, new Dictionary<string, string>
            {
                ["Logging__LogLevel__Default"] = "Warning",
            }));
        }
        var oursMedian = Median(oursTimes);
        var bareMedian = Median(bareTimes);
        var ratio = oursMedian / bareMedian;
        Console.WriteLine($"  function app: median {oursMedian:F0} ms ({string.Join(", ", oursTimes.Select(t => t.ToString("F0")))})");
        Console.WriteLine($"  bare app:     median {bareMedian:F0} ms ({string.Join(", ", bareTimes.Select(t => t.ToString("F0")))})");
        var ok = ratio <= 1.5;
        Console.WriteLine($"  cold start ratio = {ratio:F2}× the bare app (target ≤ 1.5×) → {(ok ? "PASS" : "FAIL")}");
        Directory.Delete(root, recursive: true);
        return ok;
    }

    private static async Task<double> TimeToHealthyAsync(string executable, string workingDirectory, Dictionary<string, string> environment)
    {
        var port = Repository.FreePort();
        var start = new ProcessStartInfo(executable) { WorkingDirectory = workingDirectory };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        await using var process = new ChildProcess(start);
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/api/health")).IsSuccessStatusCode)
                {
                    return clock.Elapsed.TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(2);
        }
        throw new TimeoutException($"{executable} did not become healthy:\n{process.Output}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

public static class Shell
{
    public static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Repository.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        await using var process = new ChildProcess(start);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        if (!process.HasExited)
        {
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish:\n{process.Output}");
        }
    }
}
