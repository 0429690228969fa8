using Exchange.Common;
using System.Collections.Concurrent;
using Exchange.Accounts;
using Exchange.Email;
using Exchange.Mobilities;
using Microsoft.Extensions.Options;

namespace Exchange.Reminders;

public enum DeliveryOutcome
{
    Sent,
    /// <summary>Failed transiently; back in a later slot.</summary>
    Retrying,
    Failed,
    Expired,
    /// <summary>Another run holds it.</summary>
    Skipped,
    /// <summary>A leftover due entry (of a finished or moved reminder) was tidied away.</summary>
    Cleaned,
    /// <summary>An unexpected error; the reminder stays due and is tried again.</summary>
    Error,
}

public sealed record ReminderRunResult(int Due, IReadOnlyDictionary<DeliveryOutcome, int> Outcomes)
{
    public int Count(DeliveryOutcome outcome) => Outcomes.GetValueOrDefault(outcome);
}

/// <summary>
/// One run of reminder sending: read the due slots up to now, and for each entry claim the
/// reminder's record with the ETag the entry carries (so of two runs only one can win), send,
/// record the provider's message id, and take the entry out of the due slots. A transient
/// failure goes back to a later slot with backoff; the last attempt marks it failed for the
/// coordinator. An entry whose ETag no longer matches is checked against the record itself.
/// </summary>
public sealed class ReminderSender(
    ReminderStore store, ReminderScheduler scheduler, ParticipantTokens tokens, IEmailSender email, AccountStore accounts,
    IOptions<AccountsOptions> accountOptions, IOptions<ParticipantsOptions> participantOptions, IOptions<RemindersOptions> options,
    TimeProvider time, ILogger<ReminderSender> logger, IEnumerable<IReminderSubject> subjects)
{
    private sealed class LostClaimException(string message = "Another run took over this reminder.") : Exception(message);

    /// <summary>
    /// What one run shares between its reminders: its id, the copy recipients (read at most once),
    /// and the due entries it is done with, removed together at the end of the run.
    /// </summary>
    private sealed class Run(string id, Func<Task<IReadOnlyList<UserAccount>>> loadUsers)
    {
        private readonly Lazy<Task<IReadOnlyList<UserAccount>>> _users = new(loadUsers);

        public string Id { get; } = id;

        public ConcurrentQueue<DueReminder> Done { get; } = new();

        public Task<IReadOnlyList<UserAccount>> UsersAsync() => _users.Value;
    }

    public async Task<ReminderRunResult> RunAsync(CancellationToken ct)
    {
        await scheduler.RecoverAsync(ct);
        foreach (var subject in subjects)
        {
            await subject.RecoverAsync(ct);
        }
        var now = time.GetUtcNow();
        var due = new List<DueReminder>();
        await foreach (var entry in store.ReadDueAsync(ReminderSlots.Of(now), options.Value.MaxPerRun, ct))
        {
            due.Add(entry);
        }
        var run = new Run(Guid.NewGuid().ToString("N")[..8], () => accounts.ListUsersAsync(ct));
        var outcomes = new ConcurrentDictionary<DeliveryOutcome, int>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Parallelism), CancellationToken = ct },
            async (entry, token) =>
            {
                DeliveryOutcome outcome;
                try
                {
                    outcome = await ProcessAsync(entry, run, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // One reminder's trouble (storage, a lost claim, a record that cannot be read) must not stop the others.
                    logger.LogError(ex, "Reminder {ReminderId} of mobility {MobilityId} could not be processed; it stays due", entry.Record.Id, entry.Record.MobilityId);
                    outcome = DeliveryOutcome.Error;
                }
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            });
        // If the run dies before this, the entries stay behind with an ETag that no longer matches
        // their record; the next run checks them against the record and tidies them away.
        await store.UnindexAsync(run.Done, ct);
        var result = new ReminderRunResult(due.Count, outcomes.ToDictionary());
        logger.LogInformation("Reminder run {Run}: {Due} due, {Sent} sent, {Retrying} to retry, {Failed} failed, {Expired} expired, {Skipped} held by another run, {Cleaned} tidied, {Errors} errors",
            run.Id, due.Count, result.Count(DeliveryOutcome.Sent), result.Count(DeliveryOutcome.Retrying), result.Count(DeliveryOutcome.Failed),
            result.Count(DeliveryOutcome.Expired), result.Count(DeliveryOutcome.Skipped), result.Count(DeliveryOutcome.Cleaned), result.Count(DeliveryOutcome.Error));
        return result;
    }

    private async Task<DeliveryOutcome> ProcessAsync(DueReminder entry, Run run, CancellationToken ct)
    {
        if (ReminderDelivery.IsClaimable(entry.Record, time.GetUtcNow()) && await DeliverAsync(entry.Record, entry, run, ct) is { } outcome)
        {
            return outcome;
        }

        // The entry's ETag is stale: the record changed after the entry was written (rescheduled,
        // claimed, sent, moved by a retry) or the process that wrote both died in between. Ask the record.
        var current = await store.GetAsync(entry.Record.MobilityId, entry.Record.Id, ct);
        if (current is null)
        {
            run.Done.Enqueue(entry);
            return DeliveryOutcome.Cleaned;
        }
        if (current.Slot != entry.Record.Slot)
        {
            if (current.Status == ReminderStatus.Pending)
            {
                await store.IndexAsync(current, ct);
            }
            run.Done.Enqueue(entry);
            return DeliveryOutcome.Cleaned;
        }
        if (ReminderDelivery.IsClaimable(current, time.GetUtcNow()))
        {
            return await DeliverAsync(current, entry, run, ct) ?? DeliveryOutcome.Skipped;
        }
        if (current.Status == ReminderStatus.Sending)
        {
            return DeliveryOutcome.Skipped;
        }
        run.Done.Enqueue(entry);
        return DeliveryOutcome.Cleaned;
    }

    /// <summary>Claims and delivers the record; null when the claim fails because the record changed since it was read.</summary>
    private async Task<DeliveryOutcome?> DeliverAsync(ReminderRecord record, DueReminder entry, Run run, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (ReminderDelivery.IsTooLate(record, now))
        {
            if (await store.AdvanceAsync(ReminderDelivery.Expire(record, now), ct) is null)
            {
                return null;
            }
            run.Done.Enqueue(entry);
            logger.LogInformation("Reminder {ReminderId} of mobility {MobilityId} expired: its moment has passed", record.Id, record.MobilityId);
            return DeliveryOutcome.Expired;
        }
        if (await store.AdvanceAsync(ReminderDelivery.Claim(record, now, run.Id, options.Value), ct) is not { } claimed)
        {
            return null;
        }
        try
        {
            if (claimed.MessageId is null)
            {
                if (!ClaimHolds(claimed))
                {
                    throw new LostClaimException("The claim ran out before the mail was sent; the next run sends it.");
                }
                var message = subjects.FirstOrDefault(s => s.Composes(claimed.Kind)) is { } subject
                    ? await subject.ComposeAsync(claimed, now, ct)
                    : ReminderMails.Compose(claimed, await tokens.LinksAsync(claimed.MobilityId, ct), now, now + participantOptions.Value.EssayLinkLifetime);
                var receipt = await email.SendAsync(message, ct);
                claimed = ReminderDelivery.Delivered(claimed, receipt.MessageId, time.GetUtcNow());
                if (claimed.HasCopies)
                {
                    claimed = await SaveProgressAsync(claimed, ct);
                }
            }
            if (claimed.HasCopies)
            {
                // Copies are recorded together when done (or when one fails, with the failure); only a
                // run dying half-way through them sends some copies twice, never the participant's mail.
                foreach (var to in await CopyRecipientsAsync(claimed, run))
                {
                    if (!ClaimHolds(claimed))
                    {
                        await store.AdvanceAsync(claimed, ct);
                        throw new LostClaimException("The claim ran out before the copies were sent; the next run sends the rest.");
                    }
                    string outcome;
                    try
                    {
                        outcome = (await email.SendAsync(ReminderMails.Copy(claimed, to), ct)).MessageId;
                    }
                    catch (EmailSendException ex) when (!ex.Transient)
                    {
                        outcome = "not delivered: " + ex.Message;
                    }
                    claimed = ReminderDelivery.CopyDone(claimed, to, outcome, time.GetUtcNow());
                }
            }
            if (await store.AdvanceAsync(ReminderDelivery.Completed(claimed, time.GetUtcNow()), ct) is null)
            {
                throw new LostClaimException();
            }
            run.Done.Enqueue(entry);
            logger.LogInformation("Sent reminder {ReminderId} of mobility {MobilityId} as {MessageId}", claimed.Id, claimed.MobilityId, claimed.MessageId);
            return DeliveryOutcome.Sent;
        }
        catch (EmailSendException ex)
        {
            var next = ReminderDelivery.Failed(claimed, ex.Message, ex.Transient, time.GetUtcNow(), options.Value);
            if (await store.AdvanceAsync(next, ct) is not { } saved)
            {
                throw new LostClaimException();
            }
            if (saved.Status == ReminderStatus.Pending)
            {
                await store.IndexAsync(saved, ct);
                run.Done.Enqueue(entry);
                logger.LogWarning("Reminder {ReminderId} of mobility {MobilityId} failed ({Error}); attempt {Attempt} of {MaxAttempts}, next in slot {Slot}",
                    saved.Id, saved.MobilityId, ex.Message, saved.Attempts, options.Value.MaxAttempts, saved.Slot);
                return DeliveryOutcome.Retrying;
            }
            if (saved.Status == ReminderStatus.Failed)
            {
                await store.AddFailureAsync(saved, ct);
                logger.LogError("Reminder {ReminderId} of mobility {MobilityId} failed for good after {Attempts} attempts: {Error}", saved.Id, saved.MobilityId, saved.Attempts, ex.Message);
            }
            run.Done.Enqueue(entry);
            return saved.Status == ReminderStatus.Failed ? DeliveryOutcome.Failed : DeliveryOutcome.Sent;
        }
    }

    /// <summary>
    /// A send starts only with a fifth of the claim still ahead (a minute by default, well above
    /// SendGrid's timeout), so a slow run stops before another may take the reminder over.
    /// </summary>
    private bool ClaimHolds(ReminderRecord claimed) => time.GetUtcNow() + (options.Value.ClaimDuration / 5) < claimed.ClaimedUntil;

    private async Task<ReminderRecord> SaveProgressAsync(ReminderRecord record, CancellationToken ct) =>
        await store.AdvanceAsync(record, ct) ?? throw new LostClaimException();

    /// <summary>The sending organisation's editors and the coordinators, each once, not yet copied.</summary>
    private async Task<IReadOnlyList<string>> CopyRecipientsAsync(ReminderRecord record, Run run)
    {
        var editors = (await run.UsersAsync())
            .Where(u => u.Role == Roles.Partner && u.OrganisationId == record.Snapshot.SendingOrganisationId)
            .Select(u => u.Email);
        return editors.Concat(accountOptions.Value.CoordinatorEmails.Select(c => c.Trim().ToLowerInvariant()))
            .Where(e => e.Length > 0 && !string.Equals(e, record.Snapshot.ParticipantEmail, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Except(record.CopiesDone, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
