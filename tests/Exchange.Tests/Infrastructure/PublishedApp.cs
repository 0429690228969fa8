using System.Diagnostics;
using System.Text.Json;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// The deployable folder, made once per run by the repository's own publish script, and the
/// executable started from it exactly as the Functions host does: the path and arguments
/// from host.json, the folder as working directory, the port in FUNCTIONS_CUSTOMHANDLER_PORT.
/// </summary>
public static class PublishedApp
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    public static Task<string> FolderAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "exchange-publish-" + Guid.NewGuid().ToString("N")[..8]);
        var start = new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(Repository.Root, "publish.sh"), output }, WorkingDirectory = Repository.Root };
        await using var process = new ChildProcess(start);
        var deadline = DateTime.UtcNow.AddMinutes(10); // a ReadyToRun publish on a busy two-core machine
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        if (!File.Exists(Path.Combine(output, "host.json")) || !File.Exists(Path.Combine(output, "api", "function.json")))
        {
            throw new InvalidOperationException($"publish.sh did not produce a function app folder:\n{process.Output}");
        }
        return output;
    }

    /// <summary>Starts the published executable as the host would, and waits for readiness on GET /.</summary>
    public static async Task<(ChildProcess Process, HttpClient Client)> StartHostedAsync(Azurite azurite, IDictionary<string, string>? settings = null)
    {
        var folder = await FolderAsync();
        using var hostJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "host.json")));
        var description = hostJson.RootElement.GetProperty("customHandler").GetProperty("description");
        var port = Repository.FreePort();
        var start = new ProcessStartInfo(Path.Combine(folder, description.GetProperty("defaultExecutablePath").GetString()!))
        {
            WorkingDirectory = folder,
        };
        foreach (var argument in description.GetProperty("arguments").EnumerateArray())
        {
            start.ArgumentList.Add(argument.GetString()!.Replace("%FUNCTIONS_CUSTOMHANDLER_PORT%", port.ToString(), StringComparison.Ordinal));
        }
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        start.Environment["Storage__ConnectionString"] = azurite.ConnectionString;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new ChildProcess(start);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/")).IsSuccessStatusCode)
                {
                    return (process, client);
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                throw new InvalidOperationException($"The published app was not ready within 30 s:\n{process.Output}");
            }
            await Task.Delay(100);
        }
    }
}
