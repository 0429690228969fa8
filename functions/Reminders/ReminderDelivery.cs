namespace Exchange.Reminders;

/// <summary>
/// What happens to a reminder while it is being sent, as pure functions: claim, deliver (the
/// participant first, then any copies), retry later with backoff, give up, or expire.
/// </summary>
public static class ReminderDelivery
{
    /// <summary>Pending, or claimed by a run whose claim has run out (it died between claim and finish).</summary>
    public static bool IsClaimable(ReminderRecord record, DateTimeOffset now) =>
        record.Status == ReminderStatus.Pending || (record.Status == ReminderStatus.Sending && record.ClaimedUntil <= now);

    /// <summary>Its moment has passed before the participant's mail went out.</summary>
    public static bool IsTooLate(ReminderRecord record, DateTimeOffset now) => record.MessageId is null && now >= record.Deadline;

    public static ReminderRecord Expire(ReminderRecord record, DateTimeOffset now) =>
        ReminderPlanner.Finish(record, ReminderStatus.Expired, ReminderReasons.TooLate, now);

    public static ReminderRecord Claim(ReminderRecord record, DateTimeOffset now, string run, RemindersOptions options)
    {
        var claimed = record with { Status = ReminderStatus.Sending, ClaimedUntil = now + options.ClaimDuration, ClaimedBy = run };
        return record.Status == ReminderStatus.Sending ? claimed.With(now, "resumed", $"The run {record.ClaimedBy} did not finish.") : claimed;
    }

    public static ReminderRecord Delivered(ReminderRecord record, string messageId, DateTimeOffset now) =>
        (record with { MessageId = messageId, SentAt = now }).With(now, "sent", messageId);

    public static ReminderRecord CopyDone(ReminderRecord record, string to, string outcome, DateTimeOffset now) =>
        (record with { CopiesDone = [.. record.CopiesDone, to] }).With(now, "copy", $"{to}: {outcome}");

    public static ReminderRecord Completed(ReminderRecord record, DateTimeOffset now) =>
        record with { Status = ReminderStatus.Sent, FinishedAt = now, ClaimedUntil = null, ClaimedBy = null };

    /// <summary>After a failed send: back to a later slot while attempts remain and the failure is transient, else failed.</summary>
    public static ReminderRecord Failed(ReminderRecord record, string error, bool transient, DateTimeOffset now, RemindersOptions options)
    {
        var attempts = record.Attempts + 1;
        var failed = record with { Attempts = attempts, LastError = error, ClaimedUntil = null, ClaimedBy = null };
        if (transient && attempts < options.MaxAttempts)
        {
            var slot = ReminderSlots.Later(now, ReminderPolicy.RetryDelay(attempts, options));
            return (failed with { Status = ReminderStatus.Pending, Slot = slot }).With(now, "attempt-failed", $"{error} Next attempt at {ReminderSlots.Start(slot):u}.");
        }
        if (record.MessageId is not null)
        {
            // The participant has the reminder; only copies are missing, and they do not make it a failure.
            return Completed(failed, now).With(now, "copies-not-delivered", error);
        }
        return ReminderPlanner.Finish(failed, ReminderStatus.Failed, null, now) with { LastError = error };
    }

    /// <summary>The coordinator's retry of a failed reminder: due again now, with a fresh set of attempts.</summary>
    public static ReminderRecord Retry(ReminderRecord record, string by, DateTimeOffset now) =>
        (record with { Status = ReminderStatus.Pending, Slot = ReminderSlots.Of(now), Attempts = 0, FinishedAt = null, Reason = null })
            .With(now, "retry-requested", by);
}
