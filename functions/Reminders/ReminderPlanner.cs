using Exchange.Mobilities;

namespace Exchange.Reminders;

/// <summary>A reminder record to write: a new one (<see cref="Before"/> null) or a change to an existing one.</summary>
public sealed record ReminderChange(ReminderRecord? Before, ReminderRecord After);

/// <summary>
/// Brings a mobility's reminders in line with the mobility, as a pure function of the mobility,
/// its existing reminder records and the time. New dates cancel the pending reminders of the old
/// dates ("rescheduled") and plan new ones; cancelling the mobility, unsubscribing or submitting
/// the essay cancel what they make pointless; a reminder whose moment has passed is recorded as expired.
/// </summary>
public static class ReminderPlanner
{
    public static IReadOnlyList<PlannedReminder> Desired(Mobility mobility, RemindersOptions options)
    {
        if (mobility.Status == MobilityStatus.Cancelled || mobility.Unsubscribed)
        {
            return [];
        }
        var plan = ReminderPolicy.Plan(mobility.StartDate, mobility.EndDate, mobility.HomeCountry, options);
        return mobility.EssaySubmittedAt is null ? plan : plan.Where(p => !ReminderPolicy.IsAboutTheEssay(p.Kind)).ToList();
    }

    public static IReadOnlyList<ReminderChange> Reconcile(
        Mobility mobility, ReminderSnapshot snapshot, IReadOnlyList<ReminderRecord> existing, DateTimeOffset now, RemindersOptions options) =>
        Reconcile(mobility.Id, Desired(mobility, options), snapshot, null, existing, now, kind => CancelReason(mobility, kind), Phase);

    /// <summary>
    /// The same for any subject of reminders: <paramref name="plan"/> is what should exist now,
    /// <paramref name="cancelReason"/> says why an open reminder left the plan, and
    /// <paramref name="phase"/> groups the kinds of which only the first overdue one goes out.
    /// </summary>
    public static IReadOnlyList<ReminderChange> Reconcile(
        string subjectId, IReadOnlyList<PlannedReminder> plan, ReminderSnapshot snapshot, string? details, IReadOnlyList<ReminderRecord> existing,
        DateTimeOffset now, Func<ReminderKind, string> cancelReason, Func<ReminderKind, int> phase)
    {
        var wanted = plan.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var byId = existing.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var changes = new List<ReminderChange>();

        foreach (var record in existing.Where(r => IsOpen(r, now)))
        {
            if (!wanted.Contains(record.Id))
            {
                changes.Add(new ReminderChange(record, Finish(record, ReminderStatus.Cancelled, cancelReason(record.Kind), now)));
            }
            else if (record.Snapshot != snapshot || record.Details != details)
            {
                changes.Add(new ReminderChange(record, (record with { Snapshot = snapshot, Details = details })
                    .With(now, "updated", details is null ? "The mobility changed; the mail will show the new details." : "The details changed; the mail will show them.")));
            }
        }

        // When several reminders of one phase are overdue at once (a late registration), only the
        // first goes out now: it carries the most, and the participant should not get two at once.
        var goingOutNow = existing.Where(r => IsOpen(r, now) && wanted.Contains(r.Id) && r.DueAt <= now).Select(r => phase(r.Kind)).ToHashSet();
        foreach (var planned in plan)
        {
            byId.TryGetValue(planned.Id, out var record);
            if (record is not null && record.Status != ReminderStatus.Cancelled)
            {
                continue;
            }
            var (status, reason) = now >= planned.Deadline
                ? (ReminderStatus.Expired, ReminderReasons.TooLate)
                : planned.DueAt <= now && !goingOutNow.Add(phase(planned.Kind))
                    ? (ReminderStatus.Expired, ReminderReasons.Superseded)
                    : (ReminderStatus.Pending, null);
            if (record is not null)
            {
                if (status == ReminderStatus.Pending)
                {
                    changes.Add(new ReminderChange(record, (record with
                    {
                        Status = ReminderStatus.Pending, Slot = ReminderSlots.Of(planned.DueAt), Attempts = 0, Reason = null, LastError = null,
                        FinishedAt = null, ClaimedUntil = null, ClaimedBy = null, Snapshot = snapshot, Details = details, ScheduledAt = now,
                    }).With(now, "scheduled", "Scheduled again.")));
                }
                continue;
            }
            changes.Add(new ReminderChange(null, New(subjectId, planned, snapshot, details, status, reason, now)));
        }
        return changes;
    }

    /// <summary>Still to be sent, and not in the hands of a live run.</summary>
    public static bool IsOpen(ReminderRecord record, DateTimeOffset now) =>
        record.Status == ReminderStatus.Pending ||
        (record.Status == ReminderStatus.Sending && record.ClaimedUntil <= now && record.MessageId is null);

    public static ReminderRecord Finish(ReminderRecord record, ReminderStatus status, string? reason, DateTimeOffset now) =>
        (record with { Status = status, Reason = reason, FinishedAt = now, ClaimedUntil = null, ClaimedBy = null })
            .With(now, ReminderPolicy.Name(status), reason);

    private static ReminderRecord New(string subjectId, PlannedReminder planned, ReminderSnapshot snapshot, string? details, ReminderStatus status, string? reason, DateTimeOffset now)
    {
        var record = new ReminderRecord(subjectId, planned.Id, planned.Kind, planned.DueAt, planned.Deadline, ReminderStatus.Pending,
            ReminderSlots.Of(planned.DueAt), 0, null, null, null, null, [], null, null, null, now, snapshot, [], "", details);
        record = record.With(now, "scheduled", null);
        return status == ReminderStatus.Pending ? record : Finish(record, status, reason, now);
    }

    private static string CancelReason(Mobility mobility, ReminderKind kind) =>
        mobility.Status == MobilityStatus.Cancelled ? ReminderReasons.MobilityCancelled
        : mobility.Unsubscribed ? ReminderReasons.Unsubscribed
        : mobility.EssaySubmittedAt is not null && ReminderPolicy.IsAboutTheEssay(kind) ? ReminderReasons.EssaySubmitted
        : ReminderReasons.Rescheduled;

    private static int Phase(ReminderKind kind) => ReminderPolicy.IsAboutTheEssay(kind) ? 1 : 0;
}
