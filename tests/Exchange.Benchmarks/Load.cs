using System.Diagnostics;
using System.Text.Json;
using Exchange.Tests.Infrastructure;

namespace Exchange.Benchmarks;

public sealed record LoadResult(string Name, double RequestsPerSecond, double P50, double P99, long Errors, long Non2xx);

/// <summary>Drives a URL with autocannon (pinned in package.json) and reads its JSON summary.</summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(string name, string url, int seconds = 10, int connections = 16)
    {
        var autocannon = Path.Combine(Repository.Root, "node_modules", ".bin", "autocannon");
        var start = new ProcessStartInfo(autocannon)
        {
            ArgumentList = { "--json", "-c", connections.ToString(), "-d", seconds.ToString(), "-w", "1", url },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        return new LoadResult(name,
            root.GetProperty("requests").GetProperty("average").GetDouble(),
            root.GetProperty("latency").GetProperty("p50").GetDouble(),
            root.GetProperty("latency").GetProperty("p99").GetDouble(),
            root.GetProperty("errors").GetInt64(),
            root.GetProperty("non2xx").GetInt64());
    }

    public static void Print(params LoadResult[] results)
    {
        Console.WriteLine($"  {"endpoint",-28} {"req/s",10} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"non-2xx",8}");
        foreach (var r in results)
        {
            Console.WriteLine($"  {r.Name,-28} {r.RequestsPerSecond,10:F0} {r.P50,8:F1} {r.P99,8:F1} {r.Errors,7} {r.Non2xx,8}");
        }
    }
}
