using System.Globalization;
using System.Text;

namespace Exchange.Reminders;

/// <summary>
/// The visit as an iCalendar (RFC 5545) file: one all-day VEVENT from the first to the last day
/// (DTEND is exclusive, so the day after the last). The UID is stable per mobility and the
/// SEQUENCE follows the mobility's revision, so a calendar replaces the event when dates change.
/// </summary>
public static class VisitCalendar
{
    public static byte[] Create(string mobilityId, ReminderSnapshot s, string uidDomain, DateTimeOffset now, string summary, string? description)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Exchange//Mobilities//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{mobilityId}@{uidDomain}",
            $"DTSTAMP:{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}",
            $"SEQUENCE:{s.Revision}",
            $"DTSTART;VALUE=DATE:{s.StartDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}",
            $"DTEND;VALUE=DATE:{s.EndDate.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}",
            $"SUMMARY:{Escape(summary)}",
            $"LOCATION:{Escape(string.Join(", ", new[] { s.HostOrganisationName, s.HostAddress, s.HostCity }.Where(x => !string.IsNullOrWhiteSpace(x))))}",
        };
        if (!string.IsNullOrWhiteSpace(description))
        {
            lines.Add($"DESCRIPTION:{Escape(description)}");
        }
        lines.AddRange(["TRANSP:TRANSPARENT", "END:VEVENT", "END:VCALENDAR"]);
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(builder, line);
        }
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 sequence.</summary>
    public static void Fold(StringBuilder builder, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                builder.Append("\r\n ");
                octets = 0;
                limit = 74;
            }
            builder.Append(rune.ToString());
            octets += size;
        }
        builder.Append("\r\n");
    }
}
