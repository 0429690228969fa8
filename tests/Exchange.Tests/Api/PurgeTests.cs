using System.Net.Http.Json;
using Azure.Data.Tables;
using Exchange.Accounts;
using Exchange.Hosting;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Api;

[Collection(nameof(StorageWideTimers))]
public sealed class PurgeTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ExchangeFactory _factory;

    public PurgeTests() => _factory = ExchangeFactory.OnOwnStorage(_time);

    [Fact]
    public async Task The_daily_purge_removes_expired_links_and_invitations_and_keeps_live_ones()
    {
        var coordinator = await _factory.SignInAsCoordinatorAsync();
        var organisation = await _factory.CreateOrganisationAsync(coordinator);
        var staleInvitee = Unique.Email("stale");
        (await coordinator.PostAsJsonAsync("/api/invitations", new { email = staleInvitee, organisationId = organisation.Id })).EnsureSuccessStatusCode();
        await _factory.CreateBrowserClient().PostAsJsonAsync("/api/auth/sign-in", new { email = _factory.CoordinatorEmail });
        Assert.NotNull(await _factory.NextMailAsync(_factory.CoordinatorEmail, "sign-in"));

        Assert.Equal(2, await TokensForAsync(staleInvitee) + await TokensForAsync(_factory.CoordinatorEmail));

        // Crossing 02:30 UTC also fires the local scheduler's run; the explicit runs below must be safe beside it.
        _time.Advance(TimeSpan.FromDays(8));
        var freshInvitee = Unique.Email("fresh");
        var coordinatorNow = await _factory.SignInAsCoordinatorAsync();
        (await coordinatorNow.PostAsJsonAsync("/api/invitations", new { email = freshInvitee, organisationId = organisation.Id })).EnsureSuccessStatusCode();

        await Task.WhenAll(RunPurgeAsync(), RunPurgeAsync());

        Assert.Equal(0, await TokensForAsync(staleInvitee));
        Assert.Equal(0, await TokensForAsync(_factory.CoordinatorEmail));
        Assert.Equal(1, await TokensForAsync(freshInvitee));
    }

    private async Task RunPurgeAsync()
    {
        var invoker = _factory.Services.GetRequiredService<TimerInvoker>();
        var definition = _factory.Services.GetServices<TimerDefinition>().Single(d => d.Name == PurgeExpiredTokens.Name);
        await invoker.InvokeAsync(definition, new TimerRun(_time.GetUtcNow(), false, "test"), CancellationToken.None);
    }

    private async Task<int> TokensForAsync(string email)
    {
        var table = _factory.Azurite.Tables.GetTableClient(StorageNames.TokensTable);
        return await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Email eq {email}")).CountAsync();
    }

    public void Dispose() => _factory.Dispose();
}
