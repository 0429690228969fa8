using System.Collections.Concurrent;
using System.Net.Http.Json;
using Exchange.Common;
using Exchange.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// The app in memory against the shared real Azurite. Each factory has its own coordinator
/// address, so test classes running in parallel never pick up each other's sign-in mail.
/// </summary>
public class ExchangeFactory : WebApplicationFactory<Program>
{
    public const string Origin = "http://localhost";
    private readonly ConcurrentDictionary<string, bool> _usedMail = new();

    public ExchangeFactory() => Azurite = global::Exchange.Tests.Infrastructure.Azurite.InstanceAsync().GetAwaiter().GetResult();

    /// <summary>A factory on storage of its own (see <see cref="Azurite.StartIsolatedAsync"/>), which it stops when it is disposed.</summary>
    protected ExchangeFactory(Azurite azurite)
    {
        Azurite = azurite;
        _ownsStorage = true;
    }

    /// <summary>A factory on an Azurite of its own, for tests whose timers act on the whole account.</summary>
    public static ExchangeFactory OnOwnStorage(TimeProvider? time = null) =>
        new(global::Exchange.Tests.Infrastructure.Azurite.StartIsolatedAsync().GetAwaiter().GetResult()) { Time = time };

    private readonly bool _ownsStorage;
    private int _storageStopped;

    /// <summary>The shared Azurite, unless a test whose timers act on the whole account gives its own.</summary>
    public Azurite Azurite { get; init; }

    public string CoordinatorEmail { get; } = Unique.Email("coordinator");

    /// <summary>Settings a test class may override, e.g. a low rate limit.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Set to move time in tests; null keeps the system clock.</summary>
    public TimeProvider? Time { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Site:PublicBaseUrl"] = Origin,
            ["Site:WebRoot"] = Path.Combine(Repository.Root, "no-site-in-api-tests"),
            ["Accounts:CoordinatorEmails:0"] = CoordinatorEmail,
            ["Accounts:SignInRequestsPerMinute"] = "10000",
            ["Accounts:SignInMailsPerAddressPerHour"] = "10000",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services =>
        {
            if (Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Time);
            }
        });
    }

    /// <summary>
    /// Tables are created beside the server's start; tests that call services directly (not
    /// through HTTP, where a gate waits) need them to exist, so the host counts as started once they do.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetRequiredService<Exchange.Storage.StorageInitializer>().Ready.WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        return host;
    }

    /// <summary>A browser-like client: keeps cookies and sends our Origin on every request.</summary>
    public HttpClient CreateBrowserClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, HandleCookies = true, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Origin", Origin);
        return client;
    }

    public Task<HttpClient> SignInAsCoordinatorAsync() => SignInAsync(CoordinatorEmail);

    /// <summary>Signs in through the real path: request a link, read it from the outbox, redeem it.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = CreateBrowserClient();
        var request = await client.PostAsJsonAsync("/api/auth/sign-in", new { email });
        request.EnsureSuccessStatusCode();
        var mail = await NextMailAsync(email, "sign-in") ?? throw new InvalidOperationException($"No sign-in mail for {email}.");
        var complete = await client.PostAsJsonAsync("/api/auth/complete", new { token = Mail.TokenIn(mail) });
        complete.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>The newest mail of a category to an address that no earlier call returned.</summary>
    public async Task<OutboxMessage?> NextMailAsync(string to, string category, TimeSpan? wait = null)
    {
        var mail = await Mail.FindAsync(Azurite, to, m => m.Category == category && !_usedMail.ContainsKey(m.Id), wait);
        if (mail is not null)
        {
            _usedMail[mail.Id] = true;
        }
        return mail;
    }

    public async Task<Organisations.OrganisationDto> CreateOrganisationAsync(HttpClient coordinator, string? name = null, string country = "IT")
    {
        var response = await coordinator.PostAsJsonAsync("/api/organisations", new
        {
            name = name ?? Unique.Name("Centro per le famiglie"),
            country,
            city = "Bologna",
            kind = "municipality",
            website = "https://example.org/",
            description = "A family centre.",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Organisations.OrganisationDto>(JsonDefaults.Options))!;
    }

    /// <summary>Invites an editor for an organisation and signs them in through the invitation mail.</summary>
    public async Task<HttpClient> SignInAsPartnerAsync(HttpClient coordinator, string organisationId, string? email = null)
    {
        email ??= Unique.Email("editor");
        var invite = await coordinator.PostAsJsonAsync("/api/invitations", new { email, organisationId });
        invite.EnsureSuccessStatusCode();
        var mail = await NextMailAsync(email, "invitation") ?? throw new InvalidOperationException("No invitation mail.");
        var client = CreateBrowserClient();
        (await client.PostAsJsonAsync("/api/auth/complete", new { token = Mail.TokenIn(mail) })).EnsureSuccessStatusCode();
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsStorage && Interlocked.Exchange(ref _storageStopped, 1) == 0)
        {
            Azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsStorage && Interlocked.Exchange(ref _storageStopped, 1) == 0)
        {
            await Azurite.DisposeAsync();
        }
    }
}

public static class Unique
{
    public static string Email(string who) => $"{who}-{Guid.NewGuid():N}@test.exchange".ToLowerInvariant();

    public static string Name(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..10]}";
}
