using System.Net;
using System.Text;
using Exchange.Organisations;
using Exchange.Reminders;
using Exchange.Tests.Infrastructure;
using Exchange.Twinning;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Api;

/// <summary>
/// Meeting reminders through the mobilities' reminder engine: the SendReminders timer against a
/// real Azurite and the real SendGrid client pointed at a fake SendGrid on loopback. Every
/// calendar file is parsed back with Ical.Net.
/// </summary>
public sealed class TwinningReminderTests
{
    // Monday 1 June 2026, 05:00 UTC; the in-person meeting is in Rimini on 27–28 June.
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Rimini = new(2026, 6, 27);

    private sealed class Driver(ReminderFactory app)
    {
        public async Task<(TwinningRecord Twinning, Meeting Meeting, Organisation Learner)> InPersonAsync(DateOnly first)
        {
            var mentor = await app.OrganisationAsync("IT", Unique.Name("Centro per le famiglie di Rimini"));
            var learner = await app.OrganisationAsync("IT", Unique.Name("Centro per le famiglie di Genova"));
            var twinning = await TwinningAsync(mentor, learner);
            var meeting = await MeetingAsync(twinning, new MeetingInput(MeetingFormat.InPerson, "Information-and-training meeting", "Day 1: the service.\nDay 2: visits.",
                null, true, null, null, null, null, null, mentor.Id, "Via Dario Campana 64", "Rimini", first, first.AddDays(1), []));
            return (twinning, meeting, learner);
        }

        public async Task<(TwinningRecord Twinning, Meeting Meeting, Organisation Learner)> OnlineAsync(DateTime localStart, string joinUrl)
        {
            var mentor = await app.OrganisationAsync("IT", Unique.Name("Centro per le famiglie di Bari"));
            var learner = await app.OrganisationAsync("IT", Unique.Name("Centro per le famiglie di Cagliari"));
            var twinning = await TwinningAsync(mentor, learner);
            var meeting = await MeetingAsync(twinning, new MeetingInput(MeetingFormat.Online, "Laboratory on first contacts", "Case discussion.", null, true, null,
                localStart.ToString("yyyy-MM-dd'T'HH:mm"), "Europe/Rome", 90, joinUrl, null, null, null, null, null, null));
            return (twinning, meeting, learner);
        }

        private async Task<TwinningRecord> TwinningAsync(Organisation mentor, Organisation learner)
        {
            var now = app.Clock.GetUtcNow();
            var twinning = new TwinningRecord(TwinningIds.ForTwinning("Family mediation"), [new TwinningText("en", "Family mediation", ""), new TwinningText("it", "Mediazione familiare", "")],
                "family-mediation", mentor.Id, [learner.Id], null, ["Emilia-Romagna", "Liguria"], TwinningStatus.Running, [], now, now, "test", "");
            return (await app.Get<TwinningStore>().CreateAsync(twinning, default))!;
        }

        private async Task<Meeting> MeetingAsync(TwinningRecord twinning, MeetingInput input)
        {
            var countries = (await app.Get<OrganisationStore>().ListAsync(default)).ToDictionary(o => o.Id, o => o.Country);
            var v = new Common.Validator();
            var f = TwinningRules.Meeting(v, input, countries, new TwinningOptions())!;
            Assert.True(v.IsValid);
            var now = app.Clock.GetUtcNow();
            var meeting = new Meeting(twinning.Id, TwinningIds.Random(10), f.Format, f.Title, f.Agenda, f.Materials, f.IsPublic, f.Capacity, MeetingStatus.Scheduled,
                f.TimeZone, f.LocalStart, f.DurationMinutes, f.JoinUrl, f.HostOrganisationId, f.Address, f.City, f.FirstDay, f.LastDay, f.InvitedOrganisationIds,
                f.StartsAt, f.EndsAt, 0, now, now, now, "test", "");
            return (await app.Get<TwinningStore>().CreateMeetingAsync(meeting, default))!;
        }

        public async Task<IReadOnlyList<Registration>> RegisterAsync(TwinningRecord twinning, Meeting meeting, Organisation organisation, params (string Email, string Language)[] people)
        {
            var now = app.Clock.GetUtcNow();
            var attendees = people.Select(p => new Registration(twinning.Id, meeting.Id, TwinningIds.Random(12), organisation.Id, Unique.Name("Attendee"), "Mediator",
                p.Email, p.Language, AttendanceStatus.Registered, false, now, "editor", null, "")).ToList();
            var reminders = app.Get<MeetingReminders>();
            var note = await reminders.BeginAsync(twinning.Id, meeting.Id, default);
            var (outcome, saved, _) = await app.Get<RegistrationStore>().RegisterAsync(twinning.Id, meeting.Id, meeting.Capacity, attendees, default);
            Assert.Equal(RegistrationOutcome.Saved, outcome);
            await reminders.SyncAttendeesAsync(twinning, meeting, saved, note, default);
            return saved;
        }

        /// <summary>What the meetings API does on an edit that attendees' calendars must follow.</summary>
        public async Task<Meeting> ChangeAsync(TwinningRecord twinning, Meeting meeting, Func<Meeting, Meeting> change)
        {
            var now = app.Clock.GetUtcNow();
            var changed = change(meeting) with { Sequence = meeting.Sequence + 1, ChangedAt = now, UpdatedAt = now };
            var reminders = app.Get<MeetingReminders>();
            var note = await reminders.BeginAsync(twinning.Id, meeting.Id, default);
            var saved = (await app.Get<TwinningStore>().SaveMeetingAsync(changed, meeting.ETag, default))!;
            await reminders.SyncMeetingAsync(twinning, saved, note, default);
            return saved;
        }

        public async Task RunUntilAsync(DateTimeOffset until, bool twiceAtOnceSometimes = false)
        {
            for (var i = 0; app.Clock.GetUtcNow() < until; i++)
            {
                app.Clock.Advance(TimeSpan.FromHours(2));
                await (twiceAtOnceSometimes && i % 5 == 0 ? Task.WhenAll(app.RunAsync(), app.RunAsync()) : (Task)app.RunAsync());
            }
        }
    }

    /// <summary>
    /// The start most tests share: the Rimini meeting, one person of the learning organisation
    /// registered for it, and the timer run until <paramref name="until"/>.
    /// </summary>
    private static async Task<(Driver Drive, TwinningRecord Twinning, Meeting Meeting, Organisation Learner, Registration Person)> OneAttendeeAsync(
        ReminderFactory app, string name, string language, DateTimeOffset until)
    {
        var drive = new Driver(app);
        var (twinning, meeting, learner) = await drive.InPersonAsync(Rimini);
        var person = (await drive.RegisterAsync(twinning, meeting, learner, (Unique.Email(name), language))).Single();
        await drive.RunUntilAsync(until);
        return (drive, twinning, meeting, learner, person);
    }

    private static Calendar Ics(AcceptedMail mail)
    {
        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal("meeting.ics", attachment.FileName);
        return Calendar.Load(Encoding.UTF8.GetString(Convert.FromBase64String(attachment.Content)))!;
    }

    private static ReminderKind KindOf(AcceptedMail mail, IEnumerable<ReminderRecord> records) =>
        records.Single(r => mail.Headers["X-Exchange-Reminder"] == $"{r.MobilityId}/{r.Id}").Kind;

    [Fact]
    public async Task Attendees_of_an_in_person_meeting_get_the_invitation_the_week_before_and_the_day_before_reminders_exactly_once()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Answer = call => (call % 4) switch { 1 => SendGridAnswer.ServerError, 3 => SendGridAnswer.TooManyRequests, _ => SendGridAnswer.Accept };
        await using var app = new ReminderFactory(T0, new Dictionary<string, string?> { ["Reminders:MaxAttempts"] = "30" }, sendGrid);
        var drive = new Driver(app);
        var (twinning, meeting, learner) = await drive.InPersonAsync(Rimini);
        var people = await drive.RegisterAsync(twinning, meeting, learner, (Unique.Email("giulia"), "it"), (Unique.Email("anna"), "en"));

        await drive.RunUntilAsync(new DateTimeOffset(2026, 6, 29, 0, 0, 0, TimeSpan.Zero), twiceAtOnceSometimes: true);

        foreach (var person in people)
        {
            var records = await app.Get<MeetingReminders>().RemindersOfAsync(person, default);
            Assert.Equal([ReminderKind.MeetingInvitation, ReminderKind.MeetingWeekBefore, ReminderKind.MeetingDayBefore], records.Select(r => r.Kind));
            Assert.All(records, r => Assert.Equal(ReminderStatus.Sent, r.Status));
            var mails = sendGrid.Accepted.Where(m => m.To == person.Email).ToList();
            Assert.Equal(3, mails.Count);
            foreach (var record in records)
            {
                var mail = Assert.Single(mails, m => m.Headers["X-Exchange-Reminder"] == $"{person.SubjectId}/{record.Id}");
                Assert.StartsWith("<http://localhost/api/attendance/unsubscribe?token=", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
                var calendar = Ics(mail);
                Assert.Equal("REQUEST", calendar.Method);
                var e = Assert.Single(calendar.Events);
                Assert.Equal($"meeting-{twinning.Id}-{meeting.Id}@localhost", e.Uid);
                Assert.Equal(0, e.Sequence);
                Assert.Equal(new DateOnly(2026, 6, 27), DateOnly.FromDateTime(e.Start!.Value));
                Assert.Equal(new DateOnly(2026, 6, 29), DateOnly.FromDateTime(e.End!.Value));
                Assert.Contains("Via Dario Campana 64", e.Location, StringComparison.Ordinal);
                Assert.Contains("Rimini", e.Location, StringComparison.Ordinal);
                Assert.Equal(person.Email, e.Attendees.Single().Value!.AbsoluteUri.Replace("mailto:", "", StringComparison.Ordinal));
            }
            var week = records.Single(r => r.Kind == ReminderKind.MeetingWeekBefore);
            Assert.Equal(new DateTimeOffset(2026, 6, 20, 6, 0, 0, TimeSpan.Zero), week.DueAt); // 08:00 in Rome
            var italian = person.Language == "it";
            var weekMail = mails.Single(m => KindOf(m, records) == ReminderKind.MeetingWeekBefore);
            Assert.Contains(italian ? "Tra una settimana" : "In a week", weekMail.Subject, StringComparison.Ordinal);
            Assert.Contains("Via Dario Campana 64", weekMail.Text, StringComparison.Ordinal);
        }
        Assert.Equal(0, await app.DueEntriesAsync());
    }

    [Fact]
    public async Task Erasing_an_attendee_stops_their_reminders_and_leaves_their_name_and_address_nowhere_while_their_seat_stays()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var (drive, twinning, meeting, learner, person) = await OneAttendeeAsync(app, "giulia", "it", T0.AddHours(4));
        Assert.Single(sendGrid.Accepted, m => m.To == person.Email);

        var privacy = app.Get<Privacy.PersonalDataService>();
        var subject = await privacy.FindAsync(person.Email, default);
        using (var export = new MemoryStream())
        {
            await privacy.WriteExportAsync(subject, export, default);
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(export.ToArray()));
            using var json = System.Text.Json.JsonDocument.Parse(zip.GetEntry("personal-data.json")!.Open());
            var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
            Assert.Contains(records, r => r.GetProperty("kind").GetString() == "attendance" && r.GetProperty("fields").GetProperty("Name").GetString() == person.Name);
            Assert.Contains(records, r => r.GetProperty("kind").GetString() == "reminder" && r.GetProperty("fields").GetProperty("Status").GetString() == "sent");
        }

        Assert.NotEmpty(await StorageScan.FindAsync(app.Azurite, person.Name, person.Email));
        await privacy.EraseAsync(subject, Common.ErasureChoices.EraseAll, default);
        Assert.Empty(await StorageScan.FindAsync(app.Azurite, person.Name, person.Email));
        Assert.Equal(1, await app.Get<RegistrationStore>().TakenAsync(twinning.Id, meeting.Id, default));
        var kept = Assert.Single(await app.Get<RegistrationStore>().ListAsync(twinning.Id, meeting.Id, default));
        Assert.Equal((learner.Id, "Mediator", "", ""), (kept.OrganisationId, kept.Role, kept.Name, kept.Email));

        await drive.RunUntilAsync(new DateTimeOffset(2026, 6, 29, 0, 0, 0, TimeSpan.Zero));
        Assert.Single(sendGrid.Accepted, m => m.To == person.Email);
        Assert.Equal(0, await app.DueEntriesAsync());
    }

    [Fact]
    public async Task A_changed_meeting_sends_the_updated_calendar_with_the_same_uid_and_a_higher_sequence_and_reschedules_the_reminders()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var (drive, twinning, meeting, _, person) = await OneAttendeeAsync(app, "giulia", "it", T0.AddHours(2));
        Assert.Single(sendGrid.Accepted);

        var moved = await drive.ChangeAsync(twinning, meeting, m => m with
        {
            FirstDay = new DateOnly(2026, 7, 4), LastDay = new DateOnly(2026, 7, 5), Address = "Piazza Cavour 1",
            StartsAt = new DateTimeOffset(2026, 7, 3, 22, 0, 0, TimeSpan.Zero), EndsAt = new DateTimeOffset(2026, 7, 5, 22, 0, 0, TimeSpan.Zero),
        });
        await drive.RunUntilAsync(T0.AddHours(4));
        var update = Assert.Single(sendGrid.Accepted.Skip(1));
        Assert.StartsWith("Modificato:", update.Subject, StringComparison.Ordinal);
        var invitation = Assert.Single(Ics(sendGrid.Accepted[0]).Events);
        var changed = Assert.Single(Ics(update).Events);
        Assert.Equal(invitation.Uid, changed.Uid);
        Assert.True(changed.Sequence > invitation.Sequence);
        Assert.Equal(new DateOnly(2026, 7, 4), DateOnly.FromDateTime(changed.Start!.Value));
        Assert.Contains("Piazza Cavour 1", changed.Location, StringComparison.Ordinal);

        await drive.RunUntilAsync(new DateTimeOffset(2026, 7, 6, 0, 0, 0, TimeSpan.Zero));
        var records = await app.Get<MeetingReminders>().RemindersOfAsync(person, default);
        Assert.Equal(2, records.Count(r => r.Kind == ReminderKind.MeetingWeekBefore));
        Assert.Contains(records, r => r.Kind == ReminderKind.MeetingWeekBefore && r.Status == ReminderStatus.Cancelled && r.Reason == ReminderReasons.Rescheduled);
        var week = records.Single(r => r.Kind == ReminderKind.MeetingWeekBefore && r.Status == ReminderStatus.Sent);
        Assert.Equal(new DateTimeOffset(2026, 6, 27, 6, 0, 0, TimeSpan.Zero), week.DueAt);
        Assert.Equal(4, sendGrid.Accepted.Count); // invitation, update, week before, day before
        Assert.All(sendGrid.Accepted.Skip(1), m => Assert.Equal(moved.Sequence, Ics(m).Events.Single().Sequence));
    }

    [Fact]
    public async Task A_cancelled_meeting_sends_a_cancelling_calendar_to_those_who_had_one_and_nothing_more()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var (drive, twinning, meeting, learner, early) = await OneAttendeeAsync(app, "giulia", "en", T0.AddHours(2));
        var late = (await drive.RegisterAsync(twinning, meeting, learner, (Unique.Email("late"), "en"))).Single();

        await drive.ChangeAsync(twinning, meeting, m => m with { Status = MeetingStatus.Cancelled });
        await drive.RunUntilAsync(new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero));

        var toEarly = sendGrid.Accepted.Where(m => m.To == early.Email).ToList();
        Assert.Equal(2, toEarly.Count);
        var cancellation = Ics(toEarly[1]);
        Assert.StartsWith("Cancelled:", toEarly[1].Subject, StringComparison.Ordinal);
        Assert.Equal("CANCEL", cancellation.Method);
        var e = Assert.Single(cancellation.Events);
        Assert.Equal(Ics(toEarly[0]).Events.Single().Uid, e.Uid);
        Assert.Equal(1, e.Sequence);
        Assert.Equal("CANCELLED", e.Status);
        Assert.DoesNotContain(sendGrid.Accepted, m => m.To == late.Email);
        var lateRecords = await app.Get<MeetingReminders>().RemindersOfAsync(late, default);
        Assert.All(lateRecords, r => Assert.Equal((ReminderStatus.Cancelled, ReminderReasons.MeetingCancelled), (r.Status, r.Reason)));
        Assert.Equal(0, await app.DueEntriesAsync());
    }

    [Fact]
    public async Task The_one_click_unsubscribe_in_a_meeting_mail_stops_the_reminders()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var (drive, _, _, _, person) = await OneAttendeeAsync(app, "giulia", "it", T0.AddHours(2));
        var invitation = Assert.Single(sendGrid.Accepted);

        var oneClick = invitation.Headers["List-Unsubscribe"].Trim('<', '>');
        var response = await app.CreateClient().PostAsync(oneClick, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await drive.RunUntilAsync(new DateTimeOffset(2026, 6, 29, 0, 0, 0, TimeSpan.Zero));

        Assert.Single(sendGrid.Accepted);
        var records = await app.Get<MeetingReminders>().RemindersOfAsync(person, default);
        Assert.All(records.Where(r => r.Kind != ReminderKind.MeetingInvitation), r => Assert.Equal((ReminderStatus.Cancelled, ReminderReasons.Unsubscribed), (r.Status, r.Reason)));
    }

    [Fact]
    public async Task An_online_meetings_join_link_comes_the_day_before_and_in_the_attendees_calendar_only()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var app = new ReminderFactory(T0, sendGrid: sendGrid);
        var drive = new Driver(app);
        var (twinning, meeting, learner) = await drive.OnlineAsync(new DateTime(2026, 6, 30, 15, 0, 0), "https://meet.example.org/lab-42");
        var person = (await drive.RegisterAsync(twinning, meeting, learner, (Unique.Email("anna"), "en"))).Single();

        await drive.RunUntilAsync(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));

        var records = await app.Get<MeetingReminders>().RemindersOfAsync(person, default);
        Assert.Equal([ReminderKind.MeetingInvitation, ReminderKind.MeetingDayBefore], records.Select(r => r.Kind));
        var mails = sendGrid.Accepted.ToList();
        Assert.Equal(2, mails.Count);
        Assert.DoesNotContain("lab-42", mails[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Tomorrow:", mails[1].Subject, StringComparison.Ordinal);
        Assert.Contains("https://meet.example.org/lab-42", mails[1].Text, StringComparison.Ordinal);
        var e = Ics(mails[1]).Events.Single();
        Assert.Equal(new DateTime(2026, 6, 30, 13, 0, 0, DateTimeKind.Utc), e.Start!.AsUtc);
        Assert.Equal(new DateTime(2026, 6, 30, 14, 30, 0, DateTimeKind.Utc), e.End!.AsUtc);
        Assert.Equal("https://meet.example.org/lab-42", e.Url!.ToString());

        var feed = Calendar.Load(await app.CreateClient().GetStringAsync($"/api/twinnings/{twinning.Id}/calendar.ics"))!;
        Assert.Equal("PUBLISH", feed.Method);
        Assert.Null(feed.Events.Single().Url);
        Assert.DoesNotContain("lab-42", feed.Events.Single().Description ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_coordinator_retries_a_failed_meeting_reminder_and_it_goes_out_at_the_next_run()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Answer = _ => SendGridAnswer.ServerError;
        await using var app = new ReminderFactory(T0, new Dictionary<string, string?> { ["Reminders:MaxAttempts"] = "1" }, sendGrid);
        var person = (await OneAttendeeAsync(app, "giulia", "en", T0.AddHours(2))).Person;
        var failed = (await app.Get<MeetingReminders>().RemindersOfAsync(person, default)).Single(r => r.Kind == ReminderKind.MeetingInvitation);
        Assert.Equal(ReminderStatus.Failed, failed.Status);
        Assert.Contains(await app.Get<ReminderStore>().ListFailuresAsync(default), f => f.MobilityId == person.SubjectId);

        sendGrid.Answer = _ => SendGridAnswer.Accept;
        var coordinator = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Email, app.CoordinatorEmail)], "test"));
        var retried = await RemindersApi.RetryAsync(person.SubjectId, failed.Id, coordinator, app.Get<Mobilities.MobilityStore>(), app.Get<ReminderStore>(),
            app.Get<Exchange.Audit.IAuditTrail>(), app.Clock, default, app.Get<IEnumerable<IReminderSubject>>());
        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Ok<ReminderView>>(retried.Result);
        await app.RunAsync();

        var mail = Assert.Single(sendGrid.Accepted);
        Assert.Equal(person.Email, mail.To);
        Assert.Equal(ReminderStatus.Sent, (await app.Get<MeetingReminders>().RemindersOfAsync(person, default)).Single(r => r.Id == failed.Id).Status);
    }
}
