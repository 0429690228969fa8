using System.Text.Json;
using Exchange.Common;
using Exchange.Email;
using Exchange.Hosting;
using Exchange.Mobilities;
using Exchange.Organisations;
using Exchange.Reminders;
using Microsoft.Extensions.Options;

namespace Exchange.Twinning;

/// <summary>
/// The meeting policy, as pure functions over the meeting, the attendee and the reminders they
/// already have:
/// <list type="table">
/// <item><term>at registration</term><description>the meeting's calendar file</description></item>
/// <item><term>7 days before an in-person meeting</term><description>a reminder whose calendar file carries the place</description></item>
/// <item><term>the day before any meeting</term><description>a reminder; an online meeting's join link</description></item>
/// <item><term>when the meeting changes</term><description>the updated calendar file (same UID, higher SEQUENCE), once the attendee has had one</description></item>
/// <item><term>when the meeting or the attendance is cancelled</term><description>the cancelling calendar file (METHOD:CANCEL), once the attendee has had one</description></item>
/// </list>
/// Reminders go out at the reminder policy's hour in the meeting's time zone.
/// </summary>
public static class MeetingReminderPolicy
{
    private static readonly ReminderKind[] CarryCalendar =
        [ReminderKind.MeetingInvitation, ReminderKind.MeetingWeekBefore, ReminderKind.MeetingDayBefore, ReminderKind.MeetingUpdate];

    public static bool IsMeetingKind(ReminderKind kind) => CarryCalendar.Contains(kind) || kind == ReminderKind.MeetingCancellation;

    public static IReadOnlyList<PlannedReminder> Plan(Meeting meeting, Registration attendee, IReadOnlyList<ReminderRecord> existing, TwinningOptions options, RemindersOptions reminders)
    {
        if (attendee.Unsubscribed)
        {
            return [];
        }
        // The highest SEQUENCE the attendee's calendar holds: what the sent calendar files carried.
        var delivered = existing.Where(r => r.MessageId is not null && CarryCalendar.Contains(r.Kind)).Select(r => (int?)r.Snapshot.Revision).Max();
        if (meeting.IsCancelled || !attendee.IsActive)
        {
            var at = meeting.IsCancelled ? meeting.ChangedAt : attendee.CancelledAt ?? meeting.ChangedAt;
            return delivered is null ? [] : [new PlannedReminder(ReminderKind.MeetingCancellation, at, meeting.EndsAt)];
        }
        var zone = HomeTimeZones.Find(meeting.TimeZone) ?? TimeZoneInfo.Utc;
        DateTimeOffset Before(int days) => HomeTimeZones.ToUtc(meeting.FirstDate.AddDays(-days), reminders.SendAt, zone);
        var plan = new List<PlannedReminder> { new(ReminderKind.MeetingInvitation, attendee.RegisteredAt, meeting.StartsAt) };
        if (delivered is { } sequence && sequence < meeting.Sequence)
        {
            plan.Add(new PlannedReminder(ReminderKind.MeetingUpdate, meeting.ChangedAt, meeting.StartsAt));
        }
        if (meeting.Format == MeetingFormat.InPerson)
        {
            plan.Add(new PlannedReminder(ReminderKind.MeetingWeekBefore, Before(options.InPersonReminderDaysBefore), meeting.StartsAt));
        }
        plan.Add(new PlannedReminder(ReminderKind.MeetingDayBefore, Before(options.LastReminderDaysBefore), meeting.StartsAt));
        return plan;
    }

    public static string CancelReason(Meeting meeting, Registration attendee) =>
        meeting.IsCancelled ? ReminderReasons.MeetingCancelled
        : !attendee.IsActive ? ReminderReasons.AttendanceCancelled
        : attendee.Unsubscribed ? ReminderReasons.Unsubscribed
        : ReminderReasons.Rescheduled;

    /// <summary>Everything but the cancellation is one phase: of several overdue at once (a late registration), only the first goes out; each carries the calendar file.</summary>
    public static int Phase(ReminderKind kind) => kind == ReminderKind.MeetingCancellation ? 1 : 0;

    public static ReminderSnapshot Snapshot(TwinningRecord twinning, Meeting meeting, Registration a, Organisation? attendeeOrganisation, Organisation? host) =>
        new(a.Name, a.Email, a.Language, host?.Country ?? "", meeting.TimeZone, a.OrganisationId, attendeeOrganisation?.Name ?? a.OrganisationId,
            attendeeOrganisation?.Country ?? "", host?.Id ?? twinning.MentorOrganisationId, host?.Name ?? "", meeting.City ?? "", host?.Country ?? "",
            meeting.Address, null, null, null, meeting.Agenda, meeting.FirstDate, meeting.LastDate, meeting.Sequence);

    public static MeetingDetails Details(TwinningRecord twinning, Meeting meeting, Registration a) =>
        new(twinning.Id, meeting.Id, a.Id, twinning.TextIn("en").Title, twinning.TextIn("it").Title, meeting.Title, meeting.Format, meeting.LocalStart,
            meeting.DurationMinutes, meeting.StartsAt, meeting.EndsAt, meeting.JoinUrl, meeting.Materials, meeting.IsCancelled || !a.IsActive,
            twinning.Texts.ToDictionary(t => t.Language, t => t.Title, StringComparer.Ordinal));
}

/// <summary>
/// Keeps meeting attendees' reminders in line with the meeting and their registration, through
/// the mobilities' reminder engine: the same records, due slots, timer, retries and unsubscribe.
/// Changes are bracketed by a note in the Meta table so the timer finishes what a dying process left.
/// </summary>
public sealed class MeetingReminders(
    ReminderStore store, TwinningStore twinnings, RegistrationStore registrations, OrganisationStore organisations, ParticipantTokens tokens,
    IOptions<TwinningOptions> options, IOptions<RemindersOptions> reminderOptions, IOptions<SiteOptions> site, IOptions<EmailOptions> email,
    TimeProvider time, ILogger<MeetingReminders> logger) : IReminderSubject
{
    public bool Composes(ReminderKind kind) => MeetingReminderPolicy.IsMeetingKind(kind);

    public bool Owns(string subjectId) => AttendeeIds.Parse(subjectId) is not null;

    public async Task<bool> StillWantedAsync(string subjectId, CancellationToken ct)
    {
        if (AttendeeIds.Parse(subjectId) is not var (twinningId, meetingId, registrationId))
        {
            return false;
        }
        var meeting = await twinnings.GetMeetingAsync(twinningId, meetingId, ct);
        var attendee = meeting is null ? null : await registrations.GetAsync(twinningId, meetingId, registrationId, ct);
        return attendee is { IsActive: true, Unsubscribed: false } && !meeting!.IsCancelled;
    }

    public Task<string> BeginAsync(string twinningId, string meetingId, CancellationToken ct) => twinnings.MarkSyncAsync(twinningId, meetingId, time.GetUtcNow(), ct);

    /// <summary>Brings every attendee of the meeting in line, then clears the note.</summary>
    public async Task SyncMeetingAsync(TwinningRecord twinning, Meeting meeting, string note, CancellationToken ct)
    {
        var names = (await organisations.ListAsync(ct)).ToDictionary(o => o.Id);
        foreach (var attendee in await registrations.ListAsync(twinning.Id, meeting.Id, ct))
        {
            await SyncAttendeeAsync(twinning, meeting, attendee, names, ct);
        }
        await twinnings.ClearSyncAsync(twinning.Id, meeting.Id, note, ct);
    }

    /// <summary>Brings some attendees in line (a registration, a cancellation), then clears the note.</summary>
    public async Task SyncAttendeesAsync(TwinningRecord twinning, Meeting meeting, IEnumerable<Registration> attendees, string note, CancellationToken ct)
    {
        var names = (await organisations.ListAsync(ct)).ToDictionary(o => o.Id);
        foreach (var attendee in attendees)
        {
            await SyncAttendeeAsync(twinning, meeting, attendee, names, ct);
        }
        await twinnings.ClearSyncAsync(twinning.Id, meeting.Id, note, ct);
    }

    public async Task<IReadOnlyList<ReminderRecord>> RemindersOfAsync(Registration attendee, CancellationToken ct) =>
        await store.ListForMobilityAsync(attendee.SubjectId, ct);

    private async Task SyncAttendeeAsync(TwinningRecord twinning, Meeting meeting, Registration attendee, IReadOnlyDictionary<string, Organisation> names, CancellationToken ct)
    {
        var host = names.GetValueOrDefault(meeting.HostOrganisationId ?? twinning.MentorOrganisationId);
        var snapshot = MeetingReminderPolicy.Snapshot(twinning, meeting, attendee, names.GetValueOrDefault(attendee.OrganisationId), host);
        var details = JsonSerializer.Serialize(MeetingReminderPolicy.Details(twinning, meeting, attendee), JsonDefaults.Options);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await store.ListForMobilityAsync(attendee.SubjectId, ct);
            var plan = MeetingReminderPolicy.Plan(meeting, attendee, existing, options.Value, reminderOptions.Value);
            var changes = ReminderPlanner.Reconcile(attendee.SubjectId, plan, snapshot, details, existing, time.GetUtcNow(),
                _ => MeetingReminderPolicy.CancelReason(meeting, attendee), MeetingReminderPolicy.Phase);
            if (await store.ApplyAsync(changes, ct))
            {
                if (changes.Count > 0)
                {
                    logger.LogInformation("Reminders of attendee {Subject}: {Changes} changed", attendee.SubjectId, changes.Count);
                }
                return;
            }
        }
        throw new InvalidOperationException($"The reminders of attendee {attendee.SubjectId} kept changing; the timer will finish the job.");
    }

    public async Task RecoverAsync(CancellationToken ct)
    {
        foreach (var (twinningId, meetingId) in await twinnings.ListUnfinishedSyncsAsync(time.GetUtcNow() - ReminderScheduler.AbandonedAfter, ct))
        {
            var note = await BeginAsync(twinningId, meetingId, ct);
            var twinning = await twinnings.GetAsync(twinningId, ct);
            var meeting = await twinnings.GetMeetingAsync(twinningId, meetingId, ct);
            if (twinning is not null && meeting is not null)
            {
                logger.LogWarning("Finishing an interrupted reminder change for meeting {MeetingId} of twinning {TwinningId}", meetingId, twinningId);
                await SyncMeetingAsync(twinning, meeting, note, ct);
            }
            else
            {
                await twinnings.ClearSyncAsync(twinningId, meetingId, note, ct);
            }
        }
    }

    public async Task<EmailMessage> ComposeAsync(ReminderRecord record, DateTimeOffset now, CancellationToken ct)
    {
        var details = JsonSerializer.Deserialize<MeetingDetails>(record.Details ?? "{}", JsonDefaults.Options)
            ?? throw new InvalidOperationException($"Reminder {record.Id} of {record.MobilityId} has no meeting details.");
        var links = await LinksAsync(record.MobilityId, ct);
        var s = record.Snapshot;
        var cancelling = record.Kind == ReminderKind.MeetingCancellation;
        var place = details.Format == MeetingFormat.InPerson
            ? string.Join(", ", new[] { s.HostOrganisationName, s.HostAddress, s.HostCity }.Where(x => !string.IsNullOrWhiteSpace(x)))
            : "Online";
        var calendar = MeetingCalendar.ForAttendee(
            new CalendarEvent(details.TwinningId, details.MeetingId, details.Title, s.Programme, details.Format, details.StartsAt, details.EndsAt,
                s.StartDate, s.EndDate, place, details.Format == MeetingFormat.Online ? details.JoinUrl : null, s.Revision, cancelling),
            site.Value.PublicBaseUrl.Host, now, email.Value.FromAddress, s.ParticipantName, s.ParticipantEmail);
        return MeetingMails.Compose(record, details, links, calendar);
    }

    public async Task<AttendeeLinks> LinksAsync(string subjectId, CancellationToken ct)
    {
        var expires = time.GetUtcNow() + options.Value.AttendanceLinkLifetime;
        var attendance = Uri.EscapeDataString(await tokens.CreateAsync(subjectId, TokenPurpose.Attendance, expires, ct));
        var unsubscribe = Uri.EscapeDataString(await tokens.CreateAsync(subjectId, TokenPurpose.Unsubscribe, expires, ct));
        var root = site.Value.PublicBaseUrl;
        return new AttendeeLinks(new Uri(root, "/attendance?token=" + attendance), new Uri(root, "/api/attendance/unsubscribe?token=" + unsubscribe));
    }
}
