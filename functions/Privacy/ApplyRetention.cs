using Exchange.Audit;
using Exchange.Common;
using Exchange.Hosting;

namespace Exchange.Privacy;

/// <summary>
/// Daily: applies every area's retention periods, anonymises the participants of visits past
/// theirs (unless the coordinator keeps the project's records) and trims the audit log. Logs
/// counts, never names. Safe to run twice at once: every step is a delete or an idempotent erasure.
/// </summary>
public sealed class ApplyRetention(
    PersonalDataService data, PrivacySettings settings, RetentionPolicy policy, AuditLog audit, TimeProvider time, ILogger<ApplyRetention> logger) : ITimerFunction
{
    public const string Name = nameof(ApplyRetention);
    public const string Schedule = "0 45 3 * * *";

    public async Task RunAsync(TimerRun run, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var periods = policy.Periods;
        foreach (var holder in data.Holders)
        {
            foreach (var count in await holder.ApplyRetentionAsync(periods, now, ct))
            {
                logger.LogInformation("Retention {Rule}: {Count} removed", count.Rule, count.Count);
            }
        }
        if (await settings.KeepProjectRecordsAsync(ct))
        {
            logger.LogInformation("Retention participants: kept, the coordinator keeps the project's records");
        }
        else
        {
            var visits = 0;
            foreach (var holder in data.Holders)
            {
                await foreach (var subject in holder.ExpiredVisitsAsync(periods, now, ct))
                {
                    // Participants consented to publication; the essay stays, without their name.
                    await data.EraseAsync(subject, new ErasureChoices(KeepEssayPublishedAnonymously: true), ct);
                    visits++;
                }
            }
            logger.LogInformation("Retention participants: {Count} visits anonymised", visits);
        }
        logger.LogInformation("Retention audit-log: {Count} removed", await audit.PurgeAsync(ct));
    }
}
