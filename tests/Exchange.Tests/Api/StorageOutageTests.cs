using Exchange.Hosting;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>The app on an Azurite of its own that keeps its data on disk, with short storage bounds so faults are quick to see.</summary>
public sealed class OutageFactory() : ExchangeFactory(Infrastructure.Azurite.StartOnDiskAsync().GetAwaiter().GetResult())
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:RequestTimeout"] = RequestTimeout.ToString(),
        ["Storage:AttemptTimeout"] = "00:00:01.500",
        ["Storage:BreakDuration"] = "00:00:02",
    };
}

/// <summary>
/// Storage goes away, comes back, and stalls, while clients work. Every answer meanwhile is a 503
/// with Retry-After (never a 500), requests end within their bound, a sign-in link promised during
/// the outage arrives exactly once, and nothing acknowledged is lost.
/// </summary>
public sealed class StorageOutageTests(OutageFactory factory) : IClassFixture<OutageFactory>
{
    [Fact]
    public async Task Storage_out_stalled_and_back_answers_503_with_retry_after_keeps_its_promises_and_loses_nothing()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var material = await Materials.CreateAsync(coordinator, Materials.Input(organisation.Id, Unique.Name("Guida")));
        var upload = $"/api/materials/{material.Id()}/versions/it";
        var mailsBefore = await Mail.CountAsync(factory.Azurite, factory.CoordinatorEmail);

        // Out: every storage-backed answer is a 503 the client can act on.
        await factory.Azurite.KillAsync();
        await AssertUnavailableAsync(await coordinator.GetAsync("/api/organisations"));
        await AssertUnavailableAsync(await coordinator.PostAsJsonAsync("/api/organisations", OrganisationInput("Durante il guasto")));
        await AssertUnavailableAsync(await Materials.UploadAsync(coordinator, material.Id(), "it", Documents.Pdf("Guida durante il guasto")));
        var probes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => factory.CreateClient().GetAsync("/api/health/ready")));
        Assert.All(probes, p => Assert.Equal(HttpStatusCode.ServiceUnavailable, p.StatusCode));
        Assert.All(probes, p => Assert.NotNull(p.Headers.RetryAfter));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/health")).StatusCode);

        // Once the outage is known, the answer comes at once rather than after the storage client's retries.
        var timer = Stopwatch.StartNew();
        await AssertUnavailableAsync(await coordinator.GetAsync("/api/mobilities"));
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(2), $"took {timer.Elapsed}");

        // A sign-in asked for during the outage is accepted, as any other.
        var signIn = await factory.CreateBrowserClient().PostAsJsonAsync("/api/auth/sign-in", new { email = factory.CoordinatorEmail });
        Assert.Equal(HttpStatusCode.Accepted, signIn.StatusCode);

        // Back: the app is ready again without a restart, and the link arrives, once.
        await factory.Azurite.RestartAsync();
        await ReadyAsync();
        var link = await factory.NextMailAsync(factory.CoordinatorEmail, "sign-in", TimeSpan.FromSeconds(20));
        Assert.NotNull(link);
        await factory.Services.GetRequiredService<PendingWork>().RunAsync(abandonedToo: false, default);
        Assert.Equal(0, factory.Services.GetRequiredService<PendingWork>().Held);
        Assert.Equal(mailsBefore + 1, await Mail.CountAsync(factory.Azurite, factory.CoordinatorEmail));
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/complete", new { token = Mail.TokenIn(link!) })).StatusCode);

        // Stalled: requests end within their bound, each a success or a 503; what was acknowledged is kept.
        var justBefore = await factory.CreateOrganisationAsync(client, Unique.Name("Prima dello stallo"));
        factory.Azurite.Pause();
        var stalled = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var clock = Stopwatch.StartNew();
            var name = Unique.Name("Nello stallo");
            var response = await client.PostAsJsonAsync("/api/organisations", OrganisationInput(name));
            return (Name: name, Response: response, Elapsed: clock.Elapsed);
        }).Append(Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            return (Name: "", Response: await client.GetAsync("/api/organisations"), Elapsed: clock.Elapsed);
        })));
        factory.Azurite.Resume();

        foreach (var (_, response, elapsed) in stalled)
        {
            Assert.True(elapsed < OutageFactory.RequestTimeout + TimeSpan.FromSeconds(2), $"a request took {elapsed}");
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await AssertUnavailableAsync(response);
            }
        }
        await ReadyAsync();
        var kept = (await (await client.GetAsync("/api/organisations")).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Select(o => o.GetProperty("name").GetString()).ToHashSet();
        Assert.All(stalled.Where(s => s.Response.StatusCode == HttpStatusCode.Created), s => Assert.Contains(s.Name, kept));
        Assert.Contains(organisation.Name, kept);
        Assert.Contains(justBefore.Name, kept);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(StorageUnavailable.Reason, problem.GetProperty("reason").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private async Task ReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while ((await factory.CreateClient().GetAsync("/api/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "storage did not come back");
            await Task.Delay(200);
        }
    }

    private static object OrganisationInput(string name) => new { name, country = "IT", city = "Sassari", kind = "municipality" };
}
