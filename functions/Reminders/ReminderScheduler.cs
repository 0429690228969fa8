using Exchange.Common;
using Exchange.Mobilities;
using Exchange.Organisations;
using Microsoft.Extensions.Options;

namespace Exchange.Reminders;

/// <summary>
/// Keeps a mobility's reminders in line with it. After every change to a mobility (new dates,
/// cancellation, unsubscribe, essay) the planner's changes are written record first, due copy
/// second. The work is idempotent and always plans from the mobility as stored now, not as the
/// request saw it, so when several changes race, whichever sync finishes last leaves the
/// reminders of the last saved version: a sync ends only once a fresh read of the mobility and its
/// reminders shows nothing left to do. Within a process, syncs of one mobility take turns;
/// across instances, the records' ETags make a sync that lost a race plan again.
///
/// A note in the Meta table, written before the change is saved, brackets the work: a change
/// whose reminders could not follow (storage failed, the process died) leaves its note, and the
/// next timer run finishes the job. So a request never fails once its change is saved.
/// </summary>
public sealed class ReminderScheduler(
    ReminderStore store, MobilityStore mobilities, OrganisationStore organisations, IOptions<RemindersOptions> options, TimeProvider time,
    ILogger<ReminderScheduler> logger)
{
    /// <summary>A note older than this is an abandoned job, not one in progress.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>How long a request lets its reminders catch up before leaving them to the timer.</summary>
    public static readonly TimeSpan FollowBudget = TimeSpan.FromSeconds(15);

    /// <summary>Rounds of plan-and-write before giving up; more than two means other instances are changing the same mobility.</summary>
    private const int MaxRounds = 8;

    private readonly KeyedLock _turns = new();

    /// <summary>Call before saving a change to a mobility; pass the note to <see cref="FollowAsync"/> once it is saved, or to <see cref="DropAsync"/> if not.</summary>
    public Task<ReminderSyncNote> BeginAsync(string mobilityId, CancellationToken ct) => store.MarkSyncAsync(mobilityId, time.GetUtcNow(), ct);

    /// <summary>
    /// Brings the reminders in line with a change that is saved, then clears its note. Never
    /// throws: the change is committed, and what could not be done here the timer finishes.
    /// The client leaving does not stop it either.
    /// </summary>
    public async Task FollowAsync(ReminderSyncNote note)
    {
        try
        {
            // Wall-clock time spent waiting on storage, not the app's (movable) clock.
            using var budget = new CancellationTokenSource(FollowBudget);
            await SyncAsync(note.MobilityId, budget.Token);
            await store.ClearSyncAsync(note, budget.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The reminders of mobility {MobilityId} are behind its last change; the next reminder run brings them in line", note.MobilityId);
        }
    }

    /// <summary>The change was not saved (someone else's came first): its note has nothing to bracket.</summary>
    public async Task DropAsync(ReminderSyncNote note)
    {
        try
        {
            await store.ClearSyncAsync(note, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // A note left behind costs the timer one idempotent sync.
            logger.LogDebug(ex, "A reminder note of mobility {MobilityId} stays for the timer", note.MobilityId);
        }
    }

    /// <summary>Brings a mobility's reminders in line with the mobility as stored; returns them.</summary>
    public async Task<IReadOnlyList<ReminderRecord>> SyncAsync(string mobilityId, CancellationToken ct)
    {
        using var turn = await _turns.LockAsync(mobilityId, ct);
        for (var round = 0; round < MaxRounds; round++)
        {
            if (await mobilities.GetAsync(mobilityId, ct) is not { } mobility)
            {
                return [];
            }
            var snapshot = await SnapshotAsync(mobility, ct);
            var existing = await store.ListForMobilityAsync(mobilityId, ct);
            var changes = ReminderPlanner.Reconcile(mobility, snapshot, existing, time.GetUtcNow(), options.Value);
            if (changes.Count == 0)
            {
                return existing;
            }
            var clean = await store.ApplyAsync(changes, ct);
            logger.LogInformation("Reminders of mobility {MobilityId} at revision {Revision}: {Changes} changed{Conflict}",
                mobilityId, mobility.Revision, changes.Count, clean ? "" : ", some changed meanwhile");
        }
        throw new InvalidOperationException($"The reminders of mobility {mobilityId} kept changing; the timer will finish the job.");
    }

    /// <summary>Finishes the jobs of changes whose reminders did not follow: their notes are older than <see cref="AbandonedAfter"/>.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var abandoned = (await store.ListSyncNotesAsync(ct)).Where(n => n.MarkedAt < time.GetUtcNow() - AbandonedAfter).ToList();
        foreach (var notes in abandoned.GroupBy(n => n.MobilityId))
        {
            logger.LogWarning("Finishing an interrupted reminder change for mobility {MobilityId}", notes.Key);
            await SyncAsync(notes.Key, ct);
            foreach (var note in notes)
            {
                await store.ClearSyncAsync(note, ct);
            }
        }
        return abandoned.Count;
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
