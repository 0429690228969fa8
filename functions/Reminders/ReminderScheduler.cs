using Exchange.Mobilities;
using Exchange.Organisations;
using Microsoft.Extensions.Options;

namespace Exchange.Reminders;

/// <summary>
/// Keeps a mobility's reminders in line with it: after every change to a mobility (new dates,
/// cancellation, unsubscribe, essay) the planner's changes are written record first, due copy
/// second. A note in the Meta table brackets the work, so a process that dies half-way leaves
/// the note and the next timer run finishes the job.
/// </summary>
public sealed class ReminderScheduler(
    ReminderStore store, MobilityStore mobilities, OrganisationStore organisations, IOptions<RemindersOptions> options, TimeProvider time,
    ILogger<ReminderScheduler> logger)
{
    /// <summary>A note older than this is an abandoned job, not one in progress.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>Call before saving a change to a mobility; pass the result to <see cref="SyncAsync"/>.</summary>
    public Task<string> BeginAsync(string mobilityId, CancellationToken ct) => store.MarkSyncAsync(mobilityId, time.GetUtcNow(), ct);

    public async Task<IReadOnlyList<ReminderRecord>> SyncAsync(Mobility mobility, string? note, CancellationToken ct)
    {
        note ??= await BeginAsync(mobility.Id, ct);
        var snapshot = await SnapshotAsync(mobility, ct);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await store.ListForMobilityAsync(mobility.Id, ct);
            var changes = ReminderPlanner.Reconcile(mobility, snapshot, existing, time.GetUtcNow(), options.Value);
            if (await ApplyAsync(changes, ct))
            {
                await store.ClearSyncAsync(mobility.Id, note, ct);
                if (changes.Count > 0)
                {
                    logger.LogInformation("Reminders of mobility {MobilityId}: {Changes} changed", mobility.Id, changes.Count);
                }
                return changes.Count == 0 ? existing : await store.ListForMobilityAsync(mobility.Id, ct);
            }
        }
        throw new InvalidOperationException($"The reminders of mobility {mobility.Id} kept changing; the timer will finish the job.");
    }

    /// <summary>Finishes the jobs of processes that died while changing reminders.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var unfinished = await store.ListUnfinishedSyncsAsync(time.GetUtcNow() - AbandonedAfter, ct);
        foreach (var mobilityId in unfinished)
        {
            var note = await BeginAsync(mobilityId, ct);
            if (await mobilities.GetAsync(mobilityId, ct) is { } mobility)
            {
                logger.LogWarning("Finishing an interrupted reminder change for mobility {MobilityId}", mobilityId);
                await SyncAsync(mobility, note, ct);
            }
            else
            {
                await store.ClearSyncAsync(mobilityId, note, ct);
            }
        }
        return unfinished.Count;
    }

    /// <summary>Writes the changes; false when a record changed meanwhile (a concurrent run or edit), so the caller plans again.</summary>
    private async Task<bool> ApplyAsync(IReadOnlyList<ReminderChange> changes, CancellationToken ct)
    {
        var clean = true;
        foreach (var (before, after) in changes)
        {
            var written = before is null ? await store.AddAsync(after, ct) : await store.ReplaceAsync(after, ct);
            if (written is null)
            {
                clean = false;
                continue;
            }
            if (written.Status == ReminderStatus.Pending)
            {
                await store.IndexAsync(written, ct);
            }
            if (before is { Status: ReminderStatus.Pending or ReminderStatus.Sending } && (written.Status != ReminderStatus.Pending || written.Slot != before.Slot))
            {
                await store.UnindexVersionAsync(before, ct);
            }
        }
        return clean;
    }

    public async Task<ReminderSnapshot> SnapshotAsync(Mobility mobility, CancellationToken ct)
    {
        var sending = await organisations.GetAsync(mobility.SendingOrganisationId, ct);
        var host = await organisations.GetAsync(mobility.HostOrganisationId, ct);
        return Snapshot(mobility, sending, host);
    }

    public static ReminderSnapshot Snapshot(Mobility m, Organisation? sending, Organisation? host) =>
        new(m.ParticipantName, m.ParticipantEmail, m.Language, m.HomeCountry, HomeTimeZones.For(m.HomeCountry).Id,
            m.SendingOrganisationId, sending?.Name ?? m.SendingOrganisationId, sending?.Country ?? "",
            m.HostOrganisationId, host?.Name ?? m.HostOrganisationId, host?.City ?? "", host?.Country ?? "",
            m.Host.Address, m.Host.ContactName, m.Host.ContactEmail, m.Host.ContactPhone, m.Host.Programme, m.StartDate, m.EndDate, m.Revision);
}
