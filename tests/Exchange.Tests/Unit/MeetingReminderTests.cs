using System.Text;
using System.Text.Json;
using Exchange.Common;
using Exchange.Reminders;
using Exchange.Twinning;

namespace Exchange.Tests.Unit;

public sealed class MeetingReminderTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero);

    private static Meeting InPerson(DateOnly first, int sequence = 0) =>
        new("tw-abc", "meet1", MeetingFormat.InPerson, "Information-and-training meeting", "Day 1: the service.", null, true, null, MeetingStatus.Scheduled,
            "Europe/Rome", null, null, null, "it-rimini", "Via Dario Campana 64", "Rimini", first, first.AddDays(1), [],
            new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(2)), new DateTimeOffset(first.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(2)),
            sequence, Now, Now, Now, "test", "etag");

    private static Registration Attendee(string language = "it", DateTimeOffset? at = null) =>
        new("tw-abc", "meet1", "reg1", "it-genova", "Giulia Sanna", "Mediator", "giulia@example.org", language, AttendanceStatus.Registered, false, at ?? Now, "editor", null, "");

    private static readonly TwinningRecord Twinning = new("tw-abc", [new TwinningText("en", "Family mediation", ""), new TwinningText("it", "Mediazione familiare", "")],
        "family-mediation", "it-rimini", ["it-genova"], null, [], TwinningStatus.Running, [], Now, Now, "test", "");

    private static IReadOnlyList<ReminderRecord> Sync(Meeting meeting, Registration attendee, IReadOnlyList<ReminderRecord> existing, DateTimeOffset now)
    {
        var plan = MeetingReminderPolicy.Plan(meeting, attendee, existing, new TwinningOptions(), new RemindersOptions());
        var snapshot = MeetingReminderPolicy.Snapshot(Twinning, meeting, attendee, null, null);
        var details = JsonSerializer.Serialize(MeetingReminderPolicy.Details(Twinning, meeting, attendee), JsonDefaults.Options);
        var changes = ReminderPlanner.Reconcile(attendee.SubjectId, plan, snapshot, details, existing, now, _ => MeetingReminderPolicy.CancelReason(meeting, attendee), MeetingReminderPolicy.Phase);
        var byId = existing.ToDictionary(r => r.Id);
        foreach (var (_, after) in changes)
        {
            byId[after.Id] = after;
        }
        return byId.Values.OrderBy(r => r.DueAt).ToList();
    }

    [Fact]
    public void A_registration_weeks_ahead_plans_the_invitation_now_and_reminders_at_eight_in_the_meetings_zone_seven_days_and_one_day_before()
    {
        var records = Sync(InPerson(new DateOnly(2026, 6, 27)), Attendee(), [], Now);
        Assert.Equal([ReminderKind.MeetingInvitation, ReminderKind.MeetingWeekBefore, ReminderKind.MeetingDayBefore], records.Select(r => r.Kind));
        Assert.All(records, r => Assert.Equal(ReminderStatus.Pending, r.Status));
        Assert.Equal(Now, records[0].DueAt);
        Assert.Equal(new DateTimeOffset(2026, 6, 20, 6, 0, 0, TimeSpan.Zero), records[1].DueAt);
        Assert.Equal(new DateTimeOffset(2026, 6, 26, 6, 0, 0, TimeSpan.Zero), records[2].DueAt);
        Assert.All(records, r => Assert.StartsWith("tw.", r.MobilityId, StringComparison.Ordinal));
    }

    [Fact]
    public void A_late_registration_sends_only_the_invitation_now_not_the_overdue_week_reminder_too()
    {
        var records = Sync(InPerson(new DateOnly(2026, 6, 4)), Attendee(), [], Now);
        Assert.Equal(ReminderStatus.Pending, records.Single(r => r.Kind == ReminderKind.MeetingInvitation).Status);
        var week = records.Single(r => r.Kind == ReminderKind.MeetingWeekBefore);
        Assert.Equal((ReminderStatus.Expired, ReminderReasons.Superseded), (week.Status, week.Reason));
        Assert.Equal(ReminderStatus.Pending, records.Single(r => r.Kind == ReminderKind.MeetingDayBefore).Status);
    }

    [Fact]
    public void A_change_plans_an_update_only_for_attendees_whose_calendar_already_has_the_meeting()
    {
        var meeting = InPerson(new DateOnly(2026, 6, 27));
        var pending = Sync(meeting, Attendee(), [], Now);
        var moved = meeting with { Sequence = 1, ChangedAt = Now.AddHours(1) };
        Assert.DoesNotContain(Sync(moved, Attendee(), pending, Now.AddHours(1)), r => r.Kind == ReminderKind.MeetingUpdate);

        var sent = pending.Select(r => r.Kind == ReminderKind.MeetingInvitation ? ReminderDelivery.Completed(ReminderDelivery.Delivered(r, "m1", Now), Now) : r).ToList();
        var after = Sync(moved, Attendee(), sent, Now.AddHours(1));
        var update = Assert.Single(after, r => r.Kind == ReminderKind.MeetingUpdate);
        Assert.Equal(ReminderStatus.Pending, update.Status);
        Assert.Equal(1, update.Snapshot.Revision);
    }

    [Fact]
    public void Every_meeting_mail_has_both_parts_one_click_unsubscribe_a_calendar_file_and_no_images_in_the_attendees_language()
    {
        var meeting = InPerson(new DateOnly(2026, 6, 27));
        var links = new AttendeeLinks(new Uri("https://exchange.example/attendance?token=A.T"), new Uri("https://exchange.example/api/attendance/unsubscribe?token=U.T"));
        foreach (var language in new[] { "it", "en", "fi" })
        {
            var attendee = Attendee(language);
            var details = MeetingReminderPolicy.Details(Twinning, meeting, attendee);
            foreach (var kind in new[] { ReminderKind.MeetingInvitation, ReminderKind.MeetingWeekBefore, ReminderKind.MeetingDayBefore, ReminderKind.MeetingUpdate, ReminderKind.MeetingCancellation })
            {
                var record = Sync(meeting, attendee, [], Now)[0] with { Kind = kind };
                var message = MeetingMails.Compose(record, details, links, Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));
                Assert.Equal("giulia@example.org", message.To);
                Assert.StartsWith("<p>", message.Html, StringComparison.Ordinal);
                Assert.DoesNotContain("<img", message.Html, StringComparison.OrdinalIgnoreCase);
                Assert.Equal("<https://exchange.example/api/attendance/unsubscribe?token=U.T>", message.Headers!["List-Unsubscribe"]);
                Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
                Assert.Contains("https://exchange.example/attendance?token=A.T", message.Text, StringComparison.Ordinal);
                Assert.Equal("meeting.ics", Assert.Single(message.Attachments!).FileName);
                Assert.Contains(language switch { "it" => "Gentile Giulia Sanna", "fi" => "Hyvä Giulia Sanna", _ => "Dear Giulia Sanna" }, message.Text, StringComparison.Ordinal);
                Assert.Contains(language == "it" ? "Mediazione familiare" : "Family mediation", message.Text, StringComparison.Ordinal);
            }
        }
    }
}
