using System.Security.Claims;
using Exchange.Accounts;
using Exchange.Mobilities;
using Exchange.Reminders;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Api;

/// <summary>
/// The SendReminders timer against a real Azurite and the real SendGrid client, pointed with its
/// Host option at a fake SendGrid on loopback that fails a share of the calls.
/// </summary>
public sealed class ReminderTimerTests
{
    // Monday 2 March 2026, 05:00 UTC: the visits below start in the second half of March, across the clock change.
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_due_reminder_is_sent_exactly_once_through_a_sendgrid_that_fails_often()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Answer = call => (call % 6) switch
        {
            1 => SendGridAnswer.ServerError,
            3 => SendGridAnswer.TooManyRequests,
            _ => call % 13 == 5 ? SendGridAnswer.Hang : SendGridAnswer.Accept,
        };
        await using var app = new ReminderFactory(T0, new Dictionary<string, string?> { ["Reminders:MaxAttempts"] = "30" }, sendGrid);
        var italy = await app.OrganisationAsync("IT");
        var iceland = await app.OrganisationAsync("IS");
        var finland = await app.OrganisationAsync("FI");
        var editor = Unique.Email("editor");
        await app.Get<AccountStore>().UpsertPartnerAsync(editor, italy.Id, default);
        var mobilities = new[]
        {
            await app.RegisterAsync(italy, iceland, new DateOnly(2026, 3, 30), language: "it"),
            await app.RegisterAsync(italy, finland, new DateOnly(2026, 3, 23), language: "en"),
            await app.RegisterAsync(iceland, italy, new DateOnly(2026, 3, 30), language: "is"),
            await app.RegisterAsync(finland, italy, new DateOnly(2026, 3, 25), days: 3, language: "fi"),
            await app.RegisterAsync(finland, iceland, new DateOnly(2026, 4, 1), country: "RO", language: "ro"),
            await app.RegisterAsync(iceland, finland, new DateOnly(2026, 3, 18), country: "ES", language: "es"),
        };

        // Run the timer every two hours of fake time for seven weeks, every fifth time twice at once.
        // The clock moves only between runs: a jump of hours during a run would expire its claims.
        for (var i = 0; app.Clock.GetUtcNow() < T0.AddDays(50); i++)
        {
            app.Clock.Advance(TimeSpan.FromHours(2));
            await (i % 5 == 0 ? Task.WhenAll(app.RunAsync(), app.RunAsync()) : (Task)app.RunAsync());
        }

        var records = new List<ReminderRecord>();
        foreach (var mobility in mobilities)
        {
            records.AddRange(await app.RemindersOfAsync(mobility.Id));
        }
        Assert.Equal(30, records.Count);
        Assert.All(records, r => Assert.True(r.Status == ReminderStatus.Sent, $"{r.MobilityId}/{r.Id} is {r.Status}: {r.LastError}"));
        Assert.Equal(0, await app.DueEntriesAsync());

        var accepted = sendGrid.Accepted;
        var toParticipants = accepted.Where(m => !m.Headers["X-Exchange-Reminder"].EndsWith("/copy", StringComparison.Ordinal)).ToList();
        Assert.Equal(30, toParticipants.Count);
        foreach (var record in records)
        {
            var mail = Assert.Single(toParticipants, m => m.Headers["X-Exchange-Reminder"] == $"{record.MobilityId}/{record.Id}");
            Assert.Equal(record.MessageId, mail.MessageId);
            Assert.Equal(record.Snapshot.ParticipantEmail, mail.To);
            Assert.StartsWith("<http://localhost/api/participants/unsubscribe?token=", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
            Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
            Assert.Equal(record.Kind == ReminderKind.Prepare ? 1 : 0, mail.Attachments.Count);
        }
        var copies = accepted.Where(m => m.Headers["X-Exchange-Reminder"].EndsWith("/copy", StringComparison.Ordinal)).ToList();
        var expectedCopies = records.Where(r => r.Kind == ReminderKind.EssayLast)
            .SelectMany(r => (r.Snapshot.SendingOrganisationId == italy.Id ? new[] { editor, app.CoordinatorEmail } : [app.CoordinatorEmail]).Select(to => $"{r.MobilityId}/{r.Id}/copy→{to}"))
            .Order().ToList();
        Assert.Equal(expectedCopies, copies.Select(m => $"{m.Headers["X-Exchange-Reminder"]}→{m.To}").Order().ToList());
        Assert.True(sendGrid.Calls > accepted.Count + 10, $"{sendGrid.Calls} calls for {accepted.Count} accepted: the failures must have happened");
        Assert.Contains(records, r => r.Attempts > 0);
    }

    [Fact]
    public async Task Four_runs_at_the_same_moment_send_each_reminder_once()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.AcceptDelay = TimeSpan.FromMilliseconds(40);
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var sending = await app.OrganisationAsync("IT");
        var host = await app.OrganisationAsync("NO");
        for (var i = 0; i < 12; i++)
        {
            await app.RegisterAsync(sending, host, new DateOnly(2026, 3, 30));
        }
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 7, 0, 30, TimeSpan.Zero));

        var results = await Task.WhenAll(app.RunAsync(), app.RunAsync(), app.RunAsync(), app.RunAsync());

        Assert.Equal(12, sendGrid.Accepted.Count);
        Assert.Equal(12, sendGrid.Accepted.Select(m => m.Headers["X-Exchange-Reminder"]).Distinct().Count());
        Assert.Equal(12, results.Sum(r => r.Count(DeliveryOutcome.Sent)));
        Assert.Equal(0, (await app.RunAsync()).Due);
    }

    [Fact]
    public async Task A_run_that_died_between_claim_and_send_is_replaced_once_its_claim_expires()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var mobility = await app.RegisterAsync(await app.OrganisationAsync("IT"), await app.OrganisationAsync("SE"), new DateOnly(2026, 3, 30));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 7, 0, 5, TimeSpan.Zero));

        // A run claims the reminder and dies before sending.
        var store = app.Get<ReminderStore>();
        await foreach (var entry in store.ReadDueAsync(ReminderSlots.Of(app.Clock.GetUtcNow()), 10, default))
        {
            Assert.NotNull(await store.ReplaceAsync(ReminderDelivery.Claim(entry.Record, app.Clock.GetUtcNow(), "dead-run", new RemindersOptions()), default));
        }

        var whileClaimed = await app.RunAsync();
        Assert.Equal(1, whileClaimed.Count(DeliveryOutcome.Skipped));
        Assert.Empty(sendGrid.Accepted);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await app.RunAsync()).Count(DeliveryOutcome.Sent));
        Assert.Equal(0, (await app.RunAsync()).Due);

        var prepare = (await app.RemindersOfAsync(mobility.Id)).Single(r => r.Kind == ReminderKind.Prepare);
        Assert.Equal(ReminderStatus.Sent, prepare.Status);
        Assert.Contains(prepare.Events, e => e.Event == "resumed");
        Assert.Single(sendGrid.Accepted);
    }

    [Fact]
    public async Task A_reminder_that_keeps_failing_is_marked_failed_after_five_attempts_and_the_coordinators_retry_sends_it()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Answer = _ => SendGridAnswer.ServerError;
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var mobility = await app.RegisterAsync(await app.OrganisationAsync("IT"), await app.OrganisationAsync("BE"), new DateOnly(2026, 3, 30));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 7, 0, 5, TimeSpan.Zero));

        var outcomes = new List<ReminderRunResult>();
        for (var i = 0; i < 24; i++)
        {
            outcomes.Add(await app.RunAsync());
            app.Clock.Advance(TimeSpan.FromMinutes(15));
        }
        Assert.Equal(4, outcomes.Sum(o => o.Count(DeliveryOutcome.Retrying)));
        Assert.Equal(1, outcomes.Sum(o => o.Count(DeliveryOutcome.Failed)));
        Assert.Equal(5, sendGrid.Calls);
        var failures = (await RemindersApi.FailuresAsync(app.Get<ReminderStore>(), default)).Value!;
        var failure = Assert.Single(failures);
        Assert.Equal((mobility.Id, ReminderKind.Prepare, 5), (failure.MobilityId, failure.Kind, failure.Attempts));
        Assert.Equal("SendGrid answered 500.", failure.LastError);

        sendGrid.Answer = _ => SendGridAnswer.Accept;
        var coordinator = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Email, app.CoordinatorEmail), new Claim(ClaimTypes.Role, Roles.Coordinator)], "test"));
        var retry = await RemindersApi.RetryAsync(mobility.Id, failure.ReminderId, coordinator, app.Get<MobilityStore>(), app.Get<ReminderStore>(), app.Get<Exchange.Audit.IAuditTrail>(), app.Clock, default);
        Assert.Equal(ReminderStatus.Pending, Assert.IsType<Ok<ReminderView>>(retry.Result).Value!.Status);
        Assert.Empty((await RemindersApi.FailuresAsync(app.Get<ReminderStore>(), default)).Value!);

        Assert.Equal(1, (await app.RunAsync()).Count(DeliveryOutcome.Sent));
        Assert.Single(sendGrid.Accepted);
        var again = await RemindersApi.RetryAsync(mobility.Id, failure.ReminderId, coordinator, app.Get<MobilityStore>(), app.Get<ReminderStore>(), app.Get<Exchange.Audit.IAuditTrail>(), app.Clock, default);
        Assert.Equal(409, Assert.IsType<ProblemHttpResult>(again.Result).StatusCode);
    }

    [Fact]
    public async Task A_reminder_retried_past_the_start_of_the_visit_is_expired_not_sent()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Answer = _ => SendGridAnswer.TooManyRequests;
        await using var app = new ReminderFactory(T0, new Dictionary<string, string?> { ["Reminders:MaxAttempts"] = "50" }, sendGrid);
        var mobility = await app.RegisterAsync(await app.OrganisationAsync("IT"), await app.OrganisationAsync("LU"), new DateOnly(2026, 3, 30));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 28, 7, 0, 5, TimeSpan.Zero)); // the short reminder is due; the preparation mail too, and still open

        for (var i = 0; i < 12; i++)
        {
            await app.RunAsync();
            app.Clock.Advance(TimeSpan.FromHours(6));
        }

        var reminders = await app.RemindersOfAsync(mobility.Id);
        Assert.All(reminders.Where(r => !ReminderPolicy.IsAboutTheEssay(r.Kind)), r => Assert.Equal((ReminderStatus.Expired, ReminderReasons.TooLate), (r.Status, r.Reason)));
        Assert.Empty(sendGrid.Accepted);
        Assert.All(reminders.Where(r => ReminderPolicy.IsAboutTheEssay(r.Kind)), r => Assert.Equal(ReminderStatus.Pending, r.Status));
    }

    [Fact]
    public async Task A_run_reads_only_the_reminders_that_are_due_however_many_are_registered()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var sending = await app.OrganisationAsync("IT");
        var host = await app.OrganisationAsync("FI");
        for (var i = 0; i < 40; i++)
        {
            await app.RegisterAsync(sending, host, new DateOnly(2026, 6, 1).AddDays(i));
        }
        for (var i = 0; i < 3; i++)
        {
            await app.RegisterAsync(sending, host, new DateOnly(2026, 3, 30));
        }
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 7, 0, 5, TimeSpan.Zero));
        Assert.Equal(215, await app.DueEntriesAsync());
        // The signing key for participant links is read once per process; load it before counting.
        await app.Get<ParticipantTokens>().CreateAsync("warm-up", TokenPurpose.Essay, app.Clock.GetUtcNow(), default);

        app.Reads.Reset();
        var run = await app.RunAsync();

        Assert.Equal((3, 3), (run.Due, run.Count(DeliveryOutcome.Sent)));
        Assert.Equal(3, app.Reads.Read(StorageNames.RemindersTable));
        Assert.True(app.Reads.Total == 3, string.Join(", ", app.Reads.ByTable.Select(t => $"{t.Key}: {t.Value}")));

        app.Reads.Reset();
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(0, (await app.RunAsync()).Due);
        Assert.Equal(0, app.Reads.Total);
    }

    [Fact]
    public async Task A_run_handles_at_most_its_limit_and_leaves_the_rest_for_the_next()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, new Dictionary<string, string?> { ["Reminders:MaxPerRun"] = "4", ["Reminders:Parallelism"] = "2" }, sendGrid);
        var sending = await app.OrganisationAsync("IT");
        var host = await app.OrganisationAsync("FI");
        for (var i = 0; i < 6; i++)
        {
            await app.RegisterAsync(sending, host, new DateOnly(2026, 3, 30));
        }
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 7, 0, 5, TimeSpan.Zero));
        Assert.Equal(4, (await app.RunAsync()).Count(DeliveryOutcome.Sent));
        Assert.Equal(2, (await app.RunAsync()).Count(DeliveryOutcome.Sent));
        Assert.Equal(6, sendGrid.Accepted.Count);
        Assert.Equal(2, app.Get<IOptions<RemindersOptions>>().Value.Parallelism);
    }

    [Fact]
    public async Task A_due_entry_left_behind_by_a_run_that_died_while_rescheduling_a_retry_is_moved_not_sent_twice()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var mobility = await app.RegisterAsync(await app.OrganisationAsync("IT"), await app.OrganisationAsync("ES"), new DateOnly(2026, 3, 30));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 7, 0, 5, TimeSpan.Zero));

        // A run failed to send, recorded the retry for a later slot, and died before moving the due entry.
        var store = app.Get<ReminderStore>();
        var options = new RemindersOptions();
        await foreach (var entry in store.ReadDueAsync(ReminderSlots.Of(app.Clock.GetUtcNow()), 10, default))
        {
            var claimed = await store.ReplaceAsync(ReminderDelivery.Claim(entry.Record, app.Clock.GetUtcNow(), "dying-run", options), default);
            Assert.NotNull(await store.ReplaceAsync(ReminderDelivery.Failed(claimed!, "SendGrid answered 503.", true, app.Clock.GetUtcNow(), options), default));
        }

        var tidy = await app.RunAsync();
        Assert.Equal(1, tidy.Count(DeliveryOutcome.Cleaned));
        Assert.Empty(sendGrid.Accepted);

        app.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, (await app.RunAsync()).Count(DeliveryOutcome.Sent));
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(0, (await app.RunAsync()).Due);
        Assert.Single(sendGrid.Accepted);
        Assert.Equal((ReminderStatus.Sent, 1), (await app.RemindersOfAsync(mobility.Id)).Where(r => r.Kind == ReminderKind.Prepare).Select(r => (r.Status, r.Attempts)).Single());
    }

    [Fact]
    public async Task A_change_of_dates_interrupted_before_its_reminders_moved_is_finished_by_a_later_run()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var mobility = await app.RegisterAsync(await app.OrganisationAsync("IT"), await app.OrganisationAsync("NO"), new DateOnly(2026, 3, 30));

        // The API noted the change and saved the new dates, then the process died before the reminders followed.
        await app.Get<ReminderScheduler>().BeginAsync(mobility.Id, default);
        var moved = await app.Get<MobilityStore>().SaveAsync(mobility with { StartDate = new DateOnly(2026, 4, 13), EndDate = new DateOnly(2026, 4, 17), Revision = 2 }, mobility.ETag, default);
        Assert.NotNull(moved);

        await app.RunAsync(); // a run at once leaves a change that may still be in progress alone
        Assert.Equal(5, (await app.RemindersOfAsync(mobility.Id)).Count);

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await app.RunAsync();
        var reminders = await app.RemindersOfAsync(mobility.Id);
        Assert.Equal(5, reminders.Count(r => r.Status == ReminderStatus.Cancelled && r.Reason == ReminderReasons.Rescheduled));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero), reminders.Single(r => r.Kind == ReminderKind.Prepare && r.Status == ReminderStatus.Pending).DueAt);
    }

    [Fact]
    public async Task A_run_whose_claim_runs_out_stops_before_the_next_mail_and_the_next_run_sends_only_what_is_missing()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var italy = await app.OrganisationAsync("IT");
        var editor = Unique.Email("editor");
        await app.Get<AccountStore>().UpsertPartnerAsync(editor, italy.Id, default);
        var mobility = await app.RegisterAsync(italy, await app.OrganisationAsync("NO"), new DateOnly(2026, 3, 2));
        var last = (await app.RemindersOfAsync(mobility.Id)).Single(r => r.Kind == ReminderKind.EssayLast);
        app.Clock.SetUtcNow(last.DueAt.AddSeconds(5));
        foreach (var earlier in (await app.RemindersOfAsync(mobility.Id)).Where(r => r.Kind != ReminderKind.EssayLast))
        {
            await app.Get<ReminderStore>().ReplaceAsync(ReminderPlanner.Finish(earlier, ReminderStatus.Expired, ReminderReasons.TooLate, app.Clock.GetUtcNow()), default);
        }

        // The participant's mail is slow: four of the claim's five minutes pass while it is sent.
        sendGrid.Answer = call =>
        {
            if (call == 1)
            {
                app.Clock.Advance(TimeSpan.FromMinutes(4));
            }
            return SendGridAnswer.Accept;
        };
        var first = await app.RunAsync();
        Assert.Equal(1, first.Count(DeliveryOutcome.Error));
        Assert.Single(sendGrid.Accepted);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await app.RunAsync()).Count(DeliveryOutcome.Sent));
        Assert.Equal(new[] { mobility.ParticipantEmail, app.CoordinatorEmail, editor }.Order(), sendGrid.Accepted.Select(m => m.To).Order());
        Assert.Single(sendGrid.Accepted, m => m.To == mobility.ParticipantEmail);
        var sent = (await app.RemindersOfAsync(mobility.Id)).Single(r => r.Kind == ReminderKind.EssayLast);
        Assert.Equal(ReminderStatus.Sent, sent.Status);
        Assert.Equal(2, sent.CopiesDone.Count);
    }
}
