using System.Globalization;
using System.Text;
using Exchange.Reminders;

namespace Exchange.Twinning;

/// <summary>One meeting as a calendar event; <see cref="JoinUrl"/> only ever set for a registered attendee.</summary>
public sealed record CalendarEvent(
    string TwinningId, string MeetingId, string Summary, string? Description, MeetingFormat Format, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateOnly FirstDay, DateOnly LastDay, string? Location, string? JoinUrl, int Sequence, bool Cancelled);

/// <summary>
/// Meetings as iCalendar (RFC 5545). The UID is stable per meeting and the SEQUENCE is the
/// meeting's, so a calendar replaces the event when it changes and removes it on a CANCEL. An
/// in-person meeting is an all-day event over its days (DTEND exclusive); an online one has UTC
/// times. Lines are escaped and folded by the writer the mobilities' visit file uses.
/// </summary>
public static class MeetingCalendar
{
    public static string Uid(string twinningId, string meetingId, string domain) => $"meeting-{twinningId}-{meetingId}@{domain}";

    /// <summary>An attendee's file: METHOD:REQUEST to add or update, METHOD:CANCEL to remove.</summary>
    public static byte[] ForAttendee(CalendarEvent e, string domain, DateTimeOffset now, string organizerEmail, string attendeeName, string attendeeEmail)
    {
        var lines = Header(e.Cancelled ? "CANCEL" : "REQUEST");
        lines.AddRange(Event(e, domain, now));
        lines.Add($"ORGANIZER;CN=Exchange:mailto:{organizerEmail}");
        lines.Add($"ATTENDEE;CN=\"{attendeeName.Replace("\"", "'", StringComparison.Ordinal)}\";RSVP=FALSE:mailto:{attendeeEmail}");
        lines.AddRange(["END:VEVENT", "END:VCALENDAR"]);
        return Write(lines);
    }

    /// <summary>A subscribable feed (METHOD:PUBLISH) of many meetings, never with a join link.</summary>
    public static byte[] Feed(string name, IEnumerable<CalendarEvent> events, string domain, DateTimeOffset now)
    {
        var lines = Header("PUBLISH");
        lines.Add($"X-WR-CALNAME:{VisitCalendar.Escape(name)}");
        foreach (var e in events)
        {
            lines.AddRange(Event(e with { JoinUrl = null }, domain, now));
            lines.Add("END:VEVENT");
        }
        lines.Add("END:VCALENDAR");
        return Write(lines);
    }

    private static List<string> Header(string method) =>
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Exchange//Twinning//EN", "CALSCALE:GREGORIAN", $"METHOD:{method}"];

    private static IEnumerable<string> Event(CalendarEvent e, string domain, DateTimeOffset now)
    {
        yield return "BEGIN:VEVENT";
        yield return $"UID:{Uid(e.TwinningId, e.MeetingId, domain)}";
        yield return $"DTSTAMP:{Utc(now)}";
        yield return $"SEQUENCE:{e.Sequence}";
        if (e.Format == MeetingFormat.InPerson)
        {
            yield return $"DTSTART;VALUE=DATE:{e.FirstDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
            yield return $"DTEND;VALUE=DATE:{e.LastDay.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
        }
        else
        {
            yield return $"DTSTART:{Utc(e.StartsAt)}";
            yield return $"DTEND:{Utc(e.EndsAt)}";
        }
        yield return $"SUMMARY:{VisitCalendar.Escape(e.Summary)}";
        if (!string.IsNullOrWhiteSpace(e.Location))
        {
            yield return $"LOCATION:{VisitCalendar.Escape(e.Location)}";
        }
        var description = string.Join("\n\n", new[] { e.Description, e.JoinUrl }.Where(x => !string.IsNullOrWhiteSpace(x)));
        if (description.Length > 0)
        {
            yield return $"DESCRIPTION:{VisitCalendar.Escape(description)}";
        }
        if (e.JoinUrl is not null)
        {
            yield return $"URL:{e.JoinUrl}";
        }
        yield return $"STATUS:{(e.Cancelled ? "CANCELLED" : "CONFIRMED")}";
        yield return "TRANSP:OPAQUE";
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Write(List<string> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            VisitCalendar.Fold(builder, line);
        }
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
