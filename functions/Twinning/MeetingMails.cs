using Exchange.Common;
using Exchange.Email;
using Exchange.Reminders;

namespace Exchange.Twinning;

/// <summary>
/// What a meeting reminder needs beyond the common snapshot, kept as the record's details: the
/// twinning's title in each language it is written in (English and Italian on their own, as records before kept them), the meeting's own title and times, and the join link
/// (which reaches registered attendees only, never the public).
/// </summary>
public sealed record MeetingDetails(
    string TwinningId, string MeetingId, string RegistrationId, string TwinningTitleEn, string TwinningTitleIt, string Title, MeetingFormat Format,
    DateTime? LocalStart, int? DurationMinutes, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? JoinUrl, string? Materials, bool Cancelled,
    IReadOnlyDictionary<string, string>? TwinningTitles = null);

/// <summary>The links an attendee's mail carries: their registration page (to cancel) and the unsubscribe targets.</summary>
public sealed record AttendeeLinks(Uri AttendancePage, Uri OneClickUnsubscribe);

/// <summary>
/// The attendees' mails, in their language (any supported one; English otherwise), with
/// plain-text and HTML parts, the meeting's calendar file, and a one-click unsubscribe.
/// </summary>
public static class MeetingMails
{
    public const string CalendarFile = "meeting.ics";

    public static EmailMessage Compose(ReminderRecord r, MeetingDetails d, AttendeeLinks links, byte[] calendar)
    {
        var s = r.Snapshot;
        var t = Texts.For(s.Language);
        var twinning = d.TwinningTitles?.GetValueOrDefault(t.Language) ?? (t.Language == "it" ? d.TwinningTitleIt : d.TwinningTitleEn);
        var when = When(d, s, t.Language);
        (string, object?)[] facts = [("title", d.Title), ("twinning", twinning), ("when", when), ("file", CalendarFile), ("sender", s.SendingOrganisationName),
            ("host", s.HostOrganisationName), ("city", s.HostCity)];
        var blocks = new List<MailBlock>();
        string subject;
        switch (r.Kind)
        {
            case ReminderKind.MeetingInvitation:
                subject = t.Format("meeting.invitation.subject", facts);
                blocks.Add(new(null, t.Format("meeting.invitation.intro", facts)));
                break;
            case ReminderKind.MeetingWeekBefore:
                subject = t.Format("meeting.weekBefore.subject", facts);
                blocks.Add(new(null, t.Format("meeting.weekBefore.intro", facts)));
                break;
            case ReminderKind.MeetingDayBefore:
                subject = t.Format("meeting.dayBefore.subject", facts);
                blocks.Add(new(null, t.Format("meeting.dayBefore.intro", facts)));
                break;
            case ReminderKind.MeetingUpdate:
                subject = t.Format("meeting.update.subject", facts);
                blocks.Add(new(null, t.Format("meeting.update.intro", facts)));
                break;
            default:
                subject = t.Format("meeting.cancelled.subject", facts);
                blocks.Add(new(null, t.Format(d.Cancelled ? "meeting.cancelled.intro" : "meeting.attendanceCancelled.intro", facts)));
                break;
        }
        var cancelling = r.Kind == ReminderKind.MeetingCancellation;
        blocks.Add(new(t["meeting.when"], when));
        if (d.Format == MeetingFormat.InPerson)
        {
            blocks.Add(new(t["reminder.where"], string.Join(", ", new[] { s.HostOrganisationName, s.HostAddress, s.HostCity }.Where(x => !string.IsNullOrWhiteSpace(x)))));
        }
        else if (!cancelling)
        {
            blocks.Add(r.Kind == ReminderKind.MeetingDayBefore && d.JoinUrl is { } join
                ? new(t["meeting.join"], t["meeting.join.text"], new Uri(join))
                : new(t["reminder.where"], t["meeting.online"]));
        }
        if (!cancelling && !string.IsNullOrWhiteSpace(s.Programme))
        {
            blocks.Add(new(t["meeting.agenda"], s.Programme));
        }
        if (!cancelling)
        {
            blocks.Add(new(t["meeting.cannotAttend"], t["meeting.cannotAttend.text"], links.AttendancePage));
        }
        blocks.Add(new(null, t["meeting.footer"], links.AttendancePage));
        var greeting = t.Format("mail.greeting", ("name", s.ParticipantName));
        var headers = ReminderMails.UnsubscribeHeaders(r, links.OneClickUnsubscribe);
        var method = cancelling ? "CANCEL" : "REQUEST";
        return new EmailMessage(s.ParticipantEmail, subject, MailBody.Text(greeting, blocks), MailBody.Html(greeting, blocks), ReminderMails.Category, headers,
            [new EmailAttachment(CalendarFile, $"text/calendar; method={method}", calendar)]);
    }

    /// <summary>"27 June 2026 – 28 June 2026" for in-person meetings; the local time and zone for online ones.</summary>
    public static string When(MeetingDetails d, ReminderSnapshot s, string language)
    {
        var t = Texts.For(language);
        if (d.Format == MeetingFormat.InPerson)
        {
            return s.StartDate == s.EndDate ? t.Date(s.StartDate) : $"{t.Date(s.StartDate)} – {t.Date(s.EndDate)}";
        }
        var local = d.LocalStart ?? d.StartsAt.UtcDateTime;
        var end = local.AddMinutes(d.DurationMinutes ?? 0);
        return $"{t.Date(DateOnly.FromDateTime(local))}, {local:HH:mm}–{end:HH:mm} ({s.TimeZone})";
    }
}
