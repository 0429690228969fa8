using System.Diagnostics;
using Exchange.Tests.Infrastructure;

namespace Exchange.Benchmarks;

/// <summary>The function app in standalone mode, built in Release, as a separate process.</summary>
public sealed class App : IAsyncDisposable
{
    private App(ChildProcess process, string baseUrl)
    {
        Process = process;
        BaseUrl = baseUrl;
    }

    public ChildProcess Process { get; }

    public string BaseUrl { get; }

    public static async Task<App> StartAsync(Azurite azurite, IDictionary<string, string>? settings = null)
    {
        var port = Repository.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { Repository.FunctionsDll, "--urls", baseUrl }, WorkingDirectory = Repository.Root };
        start.Environment["Storage__ConnectionString"] = azurite.ConnectionString;
        start.Environment["Site__PublicBaseUrl"] = baseUrl;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new ChildProcess(start);
        await process.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
        return new App(process, baseUrl);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
