using System.Net;
using System.Net.Http.Json;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Contract;

/// <summary>
/// Under the Functions host the app listens on plain http on loopback, whatever the visitor's
/// connection. The session cookie must still be Secure when the site is https: known from the
/// public address, or from the X-Forwarded-Proto of the proxy in front (trusted on loopback only).
/// </summary>
public sealed class SecureCookieContractTests
{
    /// <summary>Each link works once: a sign-in takes the mail no earlier one used.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> UsedMail = new();

    [Fact]
    public async Task Hosted_behind_an_https_public_address_the_session_cookie_is_secure()
    {
        await using var app = await HostedApp.StartAsync("https://exchange.example.org");

        var cookie = await app.SignInCookieAsync();
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Hosted_on_an_http_address_the_cookie_is_secure_only_when_the_loopback_proxy_says_https()
    {
        await using var app = await HostedApp.StartAsync("http://127.0.0.1:7071");

        Assert.DoesNotContain("secure", await app.SignInCookieAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", await app.SignInCookieAsync(forwardedProto: "https"), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The published app under the Functions host at a public address, with a coordinator of its own to sign in as.</summary>
    private sealed class HostedApp(ChildProcess process, HttpClient client, Azurite azurite, string coordinator) : IAsyncDisposable
    {
        public static async Task<HostedApp> StartAsync(string publicBaseUrl)
        {
            var azurite = await Azurite.InstanceAsync();
            var coordinator = Unique.Email("coordinator");
            var (process, client) = await PublishedApp.StartHostedAsync(azurite, new Dictionary<string, string>
            {
                ["Accounts__CoordinatorEmails__0"] = coordinator,
                ["Site__PublicBaseUrl"] = publicBaseUrl,
            });
            return new HostedApp(process, client, azurite, coordinator);
        }

        public Task<string> SignInCookieAsync(string? forwardedProto = null) => SecureCookieContractTests.SignInCookieAsync(client, azurite, coordinator, forwardedProto);

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await process.DisposeAsync();
        }
    }

    private static async Task<string> SignInCookieAsync(HttpClient hosted, Azurite azurite, string email, string? forwardedProto = null)
    {
        // A fresh visitor each time: no cookie from an earlier sign-in rides along.
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = hosted.BaseAddress };
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/sign-in", new { email })).StatusCode);
        var mail = await Mail.FindAsync(azurite, email, m => m.Category == "sign-in" && UsedMail.TryAdd(m.Id, true), TimeSpan.FromSeconds(20))
                   ?? throw new InvalidOperationException("No sign-in mail.");
        var complete = new HttpRequestMessage(HttpMethod.Post, "/api/auth/complete") { Content = JsonContent.Create(new { token = Mail.TokenIn(mail) }) };
        if (forwardedProto is not null)
        {
            complete.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        var response = await client.SendAsync(complete);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("exchange_session=", StringComparison.Ordinal));
    }
}
