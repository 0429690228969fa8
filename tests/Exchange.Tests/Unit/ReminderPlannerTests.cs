using Exchange.Mobilities;
using Exchange.Reminders;
using Microsoft.Extensions.Time.Testing;
using static Exchange.Tests.Unit.Visits;

namespace Exchange.Tests.Unit;

public sealed class ReminderPlannerTests
{
    private readonly FakeTimeProvider _time = new(Utc(2026, 3, 1, 12));
    private static readonly DateOnly Start = new(2026, 3, 30);
    private static readonly DateOnly End = new(2026, 4, 3);

    [Fact]
    public void Registering_a_visit_plans_five_pending_reminders_in_their_due_slots()
    {
        var (records, _) = Sync(Mobility(Start, End), [], _time.GetUtcNow());

        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.Equal(ReminderStatus.Pending, r.Status));
        Assert.All(records, r => Assert.Equal(ReminderSlots.Of(r.DueAt), r.Slot));
        Assert.Equal("prepare-202603160700", records.Of(ReminderKind.Prepare).Id);
        Assert.Equal("Holmestrand kommune", records[0].Snapshot.HostOrganisationName);
        Assert.Equal("Europe/Rome", records[0].Snapshot.TimeZone);
    }

    [Fact]
    public void New_dates_cancel_pending_reminders_as_rescheduled_plan_new_ones_and_leave_sent_ones_alone()
    {
        var (records, _) = Sync(Mobility(Start, End), [], _time.GetUtcNow());
        _time.Advance(TimeSpan.FromDays(16));
        var sentPrepare = records.Of(ReminderKind.Prepare) with { Status = ReminderStatus.Sent, MessageId = "m1", SentAt = _time.GetUtcNow() };
        records = [.. records.Where(r => r.Kind != ReminderKind.Prepare), sentPrepare];

        var (after, changes) = Sync(Mobility(Start.AddDays(7), End.AddDays(7)), records, _time.GetUtcNow());

        Assert.Equal(ReminderStatus.Sent, after.Single(r => r.Id == sentPrepare.Id).Status);
        var cancelled = after.Where(r => r.Status == ReminderStatus.Cancelled).ToList();
        Assert.Equal(4, cancelled.Count);
        Assert.All(cancelled, r => Assert.Equal(ReminderReasons.Rescheduled, r.Reason));
        var pending = after.Where(r => r.Status == ReminderStatus.Pending).ToList();
        Assert.Equal([Utc(2026, 3, 23, 7), Utc(2026, 4, 4, 6), Utc(2026, 4, 11, 6), Utc(2026, 4, 17, 6), Utc(2026, 4, 24, 6)], pending.Select(r => r.DueAt));
        Assert.Equal(9, changes.Count);
    }

    [Fact]
    public void A_change_that_keeps_the_dates_refreshes_what_the_pending_mails_will_say()
    {
        var mobility = Mobility(Start, End);
        var (records, _) = Sync(mobility, [], _time.GetUtcNow());

        var changed = mobility with { Host = mobility.Host with { Programme = "Tuesday: family mediation" }, Revision = 2 };
        var (after, changes) = Sync(changed, records, _time.GetUtcNow());

        Assert.Equal(5, changes.Count);
        Assert.All(changes, c => Assert.Equal(c.Before!.Id, c.After.Id));
        Assert.All(after, r => Assert.Equal("Tuesday: family mediation", r.Snapshot.Programme));
        Assert.Empty(Sync(changed, after, _time.GetUtcNow()).Changes);
    }

    [Fact]
    public void Cancelling_a_visit_cancels_every_pending_reminder_and_planning_it_again_restores_them()
    {
        var mobility = Mobility(Start, End);
        var (records, _) = Sync(mobility, [], _time.GetUtcNow());

        var (cancelled, _) = Sync(mobility with { Status = MobilityStatus.Cancelled }, records, _time.GetUtcNow());
        Assert.All(cancelled, r => Assert.Equal((ReminderStatus.Cancelled, ReminderReasons.MobilityCancelled), (r.Status, r.Reason)));

        var (restored, _) = Sync(mobility, cancelled, _time.GetUtcNow());
        Assert.All(restored, r => Assert.Equal(ReminderStatus.Pending, r.Status));
    }

    [Fact]
    public void Submitting_the_essay_stops_the_essay_reminders_and_nothing_else()
    {
        var mobility = Mobility(Start, End);
        var (records, _) = Sync(mobility, [], _time.GetUtcNow());
        _time.SetUtcNow(Utc(2026, 4, 5, 10));
        records = [.. records.Select(r => r.Kind == ReminderKind.EssayRequest ? r with { Status = ReminderStatus.Sent } : r)];

        var (after, _) = Sync(mobility with { EssaySubmittedAt = _time.GetUtcNow() }, records, _time.GetUtcNow());

        Assert.Equal(ReminderStatus.Sent, after.Of(ReminderKind.EssayRequest).Status);
        Assert.Equal((ReminderStatus.Cancelled, ReminderReasons.EssaySubmitted), (after.Of(ReminderKind.EssayReminder).Status, after.Of(ReminderKind.EssayReminder).Reason));
        Assert.Equal((ReminderStatus.Cancelled, ReminderReasons.EssaySubmitted), (after.Of(ReminderKind.EssayLast).Status, after.Of(ReminderKind.EssayLast).Reason));
        Assert.Equal(ReminderStatus.Pending, after.Of(ReminderKind.Prepare).Status);
    }

    [Fact]
    public void Unsubscribing_cancels_and_undoing_it_brings_back_only_what_is_still_ahead()
    {
        var mobility = Mobility(Start, End);
        var (records, _) = Sync(mobility, [], _time.GetUtcNow());

        var (stopped, _) = Sync(mobility with { Unsubscribed = true }, records, _time.GetUtcNow());
        Assert.All(stopped, r => Assert.Equal((ReminderStatus.Cancelled, ReminderReasons.Unsubscribed), (r.Status, r.Reason)));

        _time.SetUtcNow(Utc(2026, 4, 1, 12)); // the visit has started
        var (resumed, _) = Sync(mobility, stopped, _time.GetUtcNow());
        Assert.Equal(ReminderStatus.Cancelled, resumed.Of(ReminderKind.Prepare).Status);
        Assert.Equal(ReminderStatus.Cancelled, resumed.Of(ReminderKind.Soon).Status);
        Assert.All(resumed.Where(r => ReminderPolicy.IsAboutTheEssay(r.Kind)), r => Assert.Equal(ReminderStatus.Pending, r.Status));
    }

    [Fact]
    public void A_late_registration_sends_the_first_overdue_reminder_of_a_phase_now_and_expires_the_others()
    {
        _time.SetUtcNow(Utc(2026, 3, 29, 9)); // the visit starts tomorrow: both reminders before it are overdue
        var (records, _) = Sync(Mobility(Start, End), [], _time.GetUtcNow());

        Assert.Equal(ReminderStatus.Pending, records.Of(ReminderKind.Prepare).Status);
        Assert.True(records.Of(ReminderKind.Prepare).DueAt <= _time.GetUtcNow());
        Assert.Equal((ReminderStatus.Expired, ReminderReasons.Superseded), (records.Of(ReminderKind.Soon).Status, records.Of(ReminderKind.Soon).Reason));
        Assert.All(records.Where(r => ReminderPolicy.IsAboutTheEssay(r.Kind)), r => Assert.Equal(ReminderStatus.Pending, r.Status));
    }

    [Fact]
    public void A_registration_five_days_ahead_sends_the_preparation_now_and_the_short_reminder_on_time()
    {
        _time.SetUtcNow(Utc(2026, 3, 25, 9));
        var (records, _) = Sync(Mobility(Start, End), [], _time.GetUtcNow());
        Assert.Equal(ReminderStatus.Pending, records.Of(ReminderKind.Prepare).Status);
        Assert.Equal(ReminderStatus.Pending, records.Of(ReminderKind.Soon).Status);
        Assert.True(records.Of(ReminderKind.Soon).DueAt > _time.GetUtcNow());
    }

    [Fact]
    public void A_visit_registered_after_it_started_has_its_reminders_before_the_visit_expired()
    {
        _time.SetUtcNow(Utc(2026, 4, 2, 9));
        var (records, _) = Sync(Mobility(Start, End), [], _time.GetUtcNow());
        Assert.All(records.Take(2), r => Assert.Equal((ReminderStatus.Expired, ReminderReasons.TooLate), (r.Status, r.Reason)));
        Assert.All(records.Skip(2), r => Assert.Equal(ReminderStatus.Pending, r.Status));
    }

    [Fact]
    public void A_reminder_in_the_hands_of_a_live_run_is_left_alone_until_its_claim_runs_out()
    {
        var mobility = Mobility(Start, End);
        var (records, _) = Sync(mobility, [], _time.GetUtcNow());
        var options = new RemindersOptions();
        var claimed = ReminderDelivery.Claim(records.Of(ReminderKind.Prepare), _time.GetUtcNow(), "run1", options);
        records = [.. records.Where(r => r.Kind != ReminderKind.Prepare), claimed];

        var (cancelled, _) = Sync(mobility with { Status = MobilityStatus.Cancelled }, records, _time.GetUtcNow());
        Assert.Equal(ReminderStatus.Sending, cancelled.Of(ReminderKind.Prepare).Status);

        _time.Advance(options.ClaimDuration);
        var (later, _) = Sync(mobility with { Status = MobilityStatus.Cancelled }, cancelled, _time.GetUtcNow());
        Assert.Equal(ReminderStatus.Cancelled, later.Of(ReminderKind.Prepare).Status);
    }
}

public sealed class ReminderDeliveryTests
{
    private readonly FakeTimeProvider _time = new(Utc(2026, 3, 16, 7));
    private readonly RemindersOptions _options = new();

    private ReminderRecord Prepare() =>
        Sync(Mobility(new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 3)), [], Utc(2026, 3, 1, 12)).Records.Of(ReminderKind.Prepare);

    [Fact]
    public void A_claim_holds_for_five_minutes_then_another_run_may_take_over()
    {
        var claimed = ReminderDelivery.Claim(Prepare(), _time.GetUtcNow(), "run1", _options);
        Assert.Equal(ReminderStatus.Sending, claimed.Status);
        Assert.False(ReminderDelivery.IsClaimable(claimed, _time.GetUtcNow()));

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(ReminderDelivery.IsClaimable(claimed, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(ReminderDelivery.IsClaimable(claimed, _time.GetUtcNow()));
        Assert.Equal("resumed", ReminderDelivery.Claim(claimed, _time.GetUtcNow(), "run2", _options).Events[^1].Event);
    }

    [Fact]
    public void Transient_failures_go_to_later_slots_with_doubling_backoff_and_the_fifth_attempt_fails()
    {
        var record = Prepare();
        var slots = new List<string>();
        for (var attempt = 1; attempt < 5; attempt++)
        {
            record = ReminderDelivery.Failed(ReminderDelivery.Claim(record, _time.GetUtcNow(), "run", _options), "SendGrid answered 503.", transient: true, _time.GetUtcNow(), _options);
            Assert.Equal((ReminderStatus.Pending, attempt), (record.Status, record.Attempts));
            slots.Add(record.Slot);
        }
        Assert.Equal(["202603160715", "202603160730", "202603160800", "202603160900"], slots);

        record = ReminderDelivery.Failed(ReminderDelivery.Claim(record, _time.GetUtcNow(), "run", _options), "SendGrid answered 503.", transient: true, _time.GetUtcNow(), _options);
        Assert.Equal((ReminderStatus.Failed, 5), (record.Status, record.Attempts));
        Assert.Equal("SendGrid answered 503.", record.LastError);
        Assert.NotNull(record.FinishedAt);
    }

    [Fact]
    public void A_permanent_refusal_fails_at_once_and_the_coordinators_retry_makes_it_due_now()
    {
        var failed = ReminderDelivery.Failed(ReminderDelivery.Claim(Prepare(), _time.GetUtcNow(), "run", _options), "SendGrid answered 400.", transient: false, _time.GetUtcNow(), _options);
        Assert.Equal((ReminderStatus.Failed, 1), (failed.Status, failed.Attempts));

        _time.Advance(TimeSpan.FromHours(2));
        var retried = ReminderDelivery.Retry(failed, "coordinator@example.org", _time.GetUtcNow());
        Assert.Equal((ReminderStatus.Pending, 0, ReminderSlots.Of(_time.GetUtcNow())), (retried.Status, retried.Attempts, retried.Slot));
    }

    [Fact]
    public void A_reminder_before_the_visit_is_too_late_once_the_visit_starts()
    {
        var record = Prepare();
        _time.SetUtcNow(Utc(2026, 3, 29, 21, 59));
        Assert.False(ReminderDelivery.IsTooLate(record, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(ReminderDelivery.IsTooLate(record, _time.GetUtcNow()));
        Assert.Equal((ReminderStatus.Expired, ReminderReasons.TooLate), (ReminderDelivery.Expire(record, _time.GetUtcNow()).Status, ReminderDelivery.Expire(record, _time.GetUtcNow()).Reason));
    }

    [Fact]
    public void A_reminder_after_the_visit_expires_three_days_after_its_moment()
    {
        var request = Sync(Mobility(new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 3)), [], Utc(2026, 3, 1, 12)).Records.Of(ReminderKind.EssayRequest);
        Assert.False(ReminderDelivery.IsTooLate(request, request.DueAt + TimeSpan.FromDays(3) - TimeSpan.FromTicks(1)));
        Assert.True(ReminderDelivery.IsTooLate(request, request.DueAt + TimeSpan.FromDays(3)));
    }

    [Fact]
    public void Once_the_participant_has_the_last_reminder_undelivered_copies_do_not_make_it_failed()
    {
        var last = Sync(Mobility(new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 3)), [], Utc(2026, 3, 1, 12)).Records.Of(ReminderKind.EssayLast);
        var delivered = ReminderDelivery.Delivered(ReminderDelivery.Claim(last with { Attempts = 4 }, _time.GetUtcNow(), "run", _options), "m1", _time.GetUtcNow());
        var outcome = ReminderDelivery.Failed(delivered, "SendGrid answered 503.", transient: true, _time.GetUtcNow(), _options);
        Assert.Equal(ReminderStatus.Sent, outcome.Status);
        Assert.Equal("copies-not-delivered", outcome.Events[^1].Event);
        Assert.False(ReminderDelivery.IsTooLate(delivered, delivered.Deadline + TimeSpan.FromDays(1)));
    }
}
