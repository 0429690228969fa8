using Exchange.Hosting;

namespace Exchange.Accounts;

/// <summary>Daily: removes expired sign-in links, invitations and sessions.</summary>
public sealed class PurgeExpiredTokens(AccountStore store, ILogger<PurgeExpiredTokens> logger) : ITimerFunction
{
    public const string Name = nameof(PurgeExpiredTokens);
    public const string Schedule = "0 30 2 * * *";

    public async Task RunAsync(TimerRun run, CancellationToken ct)
    {
        var purged = await store.PurgeExpiredAsync(ct);
        logger.LogInformation("Purged {Count} expired sign-in links, invitations and sessions", purged);
    }
}
