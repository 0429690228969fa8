using System.Runtime.CompilerServices;
using Exchange.Common;
using Exchange.Mobilities;

namespace Exchange.Reminders;

/// <summary>The reminders, as the follower of every visit: each change reschedules them.</summary>
public sealed class ReminderFollower(ReminderScheduler scheduler, ReminderStore store) : IMobilityFollower
{
    public async Task<MobilityChangeNote> BeginAsync(string mobilityId, CancellationToken ct) => await scheduler.BeginAsync(mobilityId, ct);

    public Task FollowAsync(MobilityChangeNote note) => scheduler.FollowAsync((ReminderSyncNote)note);

    public Task DropAsync(MobilityChangeNote note) => scheduler.DropAsync((ReminderSyncNote)note);

    public async IAsyncEnumerable<PersonalRecord> ExportAsync(Mobility mobility, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var r in await store.ListForMobilityAsync(mobility.Id, ct))
        {
            yield return PersonalRecord.Of("reminder", $"{ReminderPolicy.Name(r.Kind)} ({mobility.StartDate:yyyy-MM-dd})",
                ("Reminder", ReminderPolicy.Name(r.Kind)), ("Status", ReminderPolicy.Name(r.Status)), ("Planned for", r.DueAt), ("Sent", r.SentAt),
                ("Finished", r.FinishedAt), ("Reason", r.Reason));
        }
    }

    public Task<int> AnonymiseAsync(string mobilityId, CancellationToken ct) => store.AnonymiseAsync(mobilityId, ct);

    public Task<int> DeleteHistoryAsync(string mobilityId, CancellationToken ct) => store.DeleteForMobilityAsync(mobilityId, ct);
}
