using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// The app as its own process on Kestrel, in standalone mode, for what the in-memory test
/// server cannot show: real sockets (a client that disconnects, a limit answered while the
/// body is still on its way) and the server's own memory.
/// </summary>
public sealed class StandaloneApp : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, bool> _usedMail = new();

    private StandaloneApp(ChildProcess process, Azurite azurite, Uri baseAddress, string coordinatorEmail)
    {
        Process = process;
        Azurite = azurite;
        BaseAddress = baseAddress;
        CoordinatorEmail = coordinatorEmail;
    }

    public ChildProcess Process { get; }
    public Azurite Azurite { get; }
    public Uri BaseAddress { get; }
    public string CoordinatorEmail { get; }

    public static async Task<StandaloneApp> StartAsync(Azurite azurite, IDictionary<string, string>? settings = null)
    {
        var port = Repository.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var coordinator = $"coordinator-{Guid.NewGuid():N}@standalone.test";
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { Repository.FunctionsDll, "--urls", baseAddress.ToString() }, WorkingDirectory = Repository.Root };
        start.Environment["Storage__ConnectionString"] = azurite.ConnectionString;
        start.Environment["Site__PublicBaseUrl"] = baseAddress.ToString();
        start.Environment["Site__WebRoot"] = Path.Combine(Repository.Root, "no-site-for-standalone-tests");
        start.Environment["Accounts__CoordinatorEmails__0"] = coordinator;
        start.Environment["Accounts__SignInRequestsPerMinute"] = "1000";
        start.Environment["Accounts__SignInMailsPerAddressPerHour"] = "1000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new ChildProcess(start);
        await process.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
        return new StandaloneApp(process, azurite, baseAddress, coordinator);
    }

    /// <summary>A browser-like client signed in as the coordinator through the real sign-in path.</summary>
    public async Task<(HttpClient Client, Cookie Session)> SignInAsCoordinatorAsync()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("Origin", BaseAddress.GetLeftPart(UriPartial.Authority));
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { email = CoordinatorEmail })).EnsureSuccessStatusCode();
        // Each link works once: take the mail no earlier sign-in used.
        var mail = await Mail.FindAsync(Azurite, CoordinatorEmail, m => m.Category == "sign-in" && _usedMail.TryAdd(m.Id, true), TimeSpan.FromSeconds(20))
                   ?? throw new InvalidOperationException($"No sign-in mail:\n{Process.Output}");
        (await client.PostAsJsonAsync("/api/auth/complete", new { token = Mail.TokenIn(mail) })).EnsureSuccessStatusCode();
        return (client, cookies.GetCookies(BaseAddress)["exchange_session"]!);
    }

    /// <summary>Waits until the app has written a log line containing <paramref name="text"/>.</summary>
    public async Task<bool> LoggedAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Process.Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
