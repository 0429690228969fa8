using System.Net;
using System.Text;
using Exchange.Email;
using Exchange.Reminders;

namespace Exchange.Twinning;

/// <summary>
/// What a meeting reminder needs beyond the common snapshot, kept as the record's details: the
/// twinning's title in both UI languages, the meeting's own title and times, and the join link
/// (which reaches registered attendees only, never the public).
/// </summary>
public sealed record MeetingDetails(
    string TwinningId, string MeetingId, string RegistrationId, string TwinningTitleEn, string TwinningTitleIt, string Title, MeetingFormat Format,
    DateTime? LocalStart, int? DurationMinutes, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? JoinUrl, string? Materials, bool Cancelled);

/// <summary>The links an attendee's mail carries: their registration page (to cancel) and the unsubscribe targets.</summary>
public sealed record AttendeeLinks(Uri AttendancePage, Uri OneClickUnsubscribe);

/// <summary>
/// The attendees' mails, in their language (English and Italian; English otherwise), with
/// plain-text and HTML parts, the meeting's calendar file, and a one-click unsubscribe.
/// </summary>
public static class MeetingMails
{
    public const string CalendarFile = "meeting.ics";

    private sealed record Block(string? Heading, string Text, Uri? Link = null);

    public static EmailMessage Compose(ReminderRecord r, MeetingDetails d, AttendeeLinks links, byte[] calendar)
    {
        var s = r.Snapshot;
        var it = ReminderMails.LanguageOf(s.Language) == "it";
        var twinning = it ? d.TwinningTitleIt : d.TwinningTitleEn;
        var when = When(d, s, it);
        var blocks = new List<Block>();
        string subject;
        switch (r.Kind)
        {
            case ReminderKind.MeetingInvitation:
                subject = it ? $"Iscrizione: {d.Title}, {when}" : $"Registered: {d.Title}, {when}";
                blocks.Add(new(null, it
                    ? $"{s.SendingOrganisationName} ti ha iscritto all'incontro «{d.Title}» del gemellaggio «{twinning}». Il file allegato {CalendarFile} lo aggiunge al tuo calendario."
                    : $"{s.SendingOrganisationName} registered you for the meeting “{d.Title}” of the twinning “{twinning}”. The attached file {CalendarFile} adds it to your calendar."));
                break;
            case ReminderKind.MeetingWeekBefore:
                subject = it ? $"Tra una settimana: {d.Title} a {s.HostCity}" : $"In a week: {d.Title} in {s.HostCity}";
                blocks.Add(new(null, it
                    ? $"l'incontro «{d.Title}» del gemellaggio «{twinning}» si tiene tra una settimana presso {s.HostOrganisationName}. Il file allegato {CalendarFile} riporta il luogo."
                    : $"the meeting “{d.Title}” of the twinning “{twinning}” takes place in a week at {s.HostOrganisationName}. The attached file {CalendarFile} carries the place."));
                break;
            case ReminderKind.MeetingDayBefore:
                subject = it ? $"Domani: {d.Title}" : $"Tomorrow: {d.Title}";
                blocks.Add(new(null, it ? $"ti ricordiamo l'incontro di domani «{d.Title}» del gemellaggio «{twinning}»." : $"a reminder of tomorrow's meeting “{d.Title}” of the twinning “{twinning}”."));
                break;
            case ReminderKind.MeetingUpdate:
                subject = it ? $"Modificato: {d.Title}, {when}" : $"Changed: {d.Title}, {when}";
                blocks.Add(new(null, it
                    ? $"l'incontro «{d.Title}» del gemellaggio «{twinning}» è cambiato. Ecco i dettagli aggiornati; il file allegato {CalendarFile} aggiorna il tuo calendario."
                    : $"the meeting “{d.Title}” of the twinning “{twinning}” has changed. Here are the new details; the attached file {CalendarFile} updates your calendar."));
                break;
            default:
                subject = it ? $"Annullato: {d.Title}, {when}" : $"Cancelled: {d.Title}, {when}";
                blocks.Add(new(null, d.Cancelled
                    ? it ? $"l'incontro «{d.Title}» del gemellaggio «{twinning}» è stato annullato. Il file allegato {CalendarFile} lo toglie dal tuo calendario."
                         : $"the meeting “{d.Title}” of the twinning “{twinning}” has been cancelled. The attached file {CalendarFile} removes it from your calendar."
                    : it ? $"la tua partecipazione all'incontro «{d.Title}» del gemellaggio «{twinning}» è stata annullata. Il file allegato {CalendarFile} lo toglie dal tuo calendario."
                         : $"your attendance at the meeting “{d.Title}” of the twinning “{twinning}” has been cancelled. The attached file {CalendarFile} removes it from your calendar."));
                break;
        }
        var cancelling = r.Kind == ReminderKind.MeetingCancellation;
        blocks.Add(new(it ? "Quando" : "When", when));
        if (d.Format == MeetingFormat.InPerson)
        {
            blocks.Add(new(it ? "Dove" : "Where", string.Join(", ", new[] { s.HostOrganisationName, s.HostAddress, s.HostCity }.Where(x => !string.IsNullOrWhiteSpace(x)))));
        }
        else if (!cancelling)
        {
            blocks.Add(r.Kind == ReminderKind.MeetingDayBefore && d.JoinUrl is { } join
                ? new(it ? "Collegamento per partecipare" : "Join link", it ? "Il collegamento è riservato agli iscritti:" : "The link is for registered attendees only:", new Uri(join))
                : new(it ? "Dove" : "Where", it ? "On line: il collegamento arriva il giorno prima." : "Online: the join link comes the day before."));
        }
        if (!cancelling && !string.IsNullOrWhiteSpace(s.Programme))
        {
            blocks.Add(new(it ? "Programma" : "Agenda", s.Programme));
        }
        if (!cancelling)
        {
            blocks.Add(new(it ? "Non puoi partecipare?" : "Cannot attend?", it ? "Annulla la tua iscrizione da questa pagina, così il posto torna libero:" : "Cancel your registration on this page, so the seat is free for someone else:", links.AttendancePage));
        }
        blocks.Add(new(null, it
            ? "Ricevi queste e-mail perché sei iscritto a un incontro di gemellaggio del partenariato Exchange. Per non riceverle più (o per riattivarle), apri questa pagina:"
            : "You receive these e-mails because you are registered for a twinning meeting of the Exchange partnership. To stop them (or to start them again), open this page:", links.AttendancePage));
        var greeting = it ? $"Gentile {s.ParticipantName}," : $"Dear {s.ParticipantName},";
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{links.OneClickUnsubscribe}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["X-Exchange-Reminder"] = $"{r.MobilityId}/{r.Id}",
        };
        var method = cancelling ? "CANCEL" : "REQUEST";
        return new EmailMessage(s.ParticipantEmail, subject, Text(greeting, blocks), Html(greeting, blocks), ReminderMails.Category, headers,
            [new EmailAttachment(CalendarFile, $"text/calendar; method={method}", calendar)]);
    }

    /// <summary>"27–28 June 2026" style ranges for in-person meetings; the local time and zone for online ones.</summary>
    public static string When(MeetingDetails d, ReminderSnapshot s, bool it)
    {
        if (d.Format == MeetingFormat.InPerson)
        {
            return s.StartDate == s.EndDate ? ReminderMails.Date(s.StartDate, it) : $"{ReminderMails.Date(s.StartDate, it)} – {ReminderMails.Date(s.EndDate, it)}";
        }
        var local = d.LocalStart ?? d.StartsAt.UtcDateTime;
        var end = local.AddMinutes(d.DurationMinutes ?? 0);
        return $"{ReminderMails.Date(DateOnly.FromDateTime(local), it)}, {local:HH:mm}–{end:HH:mm} ({s.TimeZone})";
    }

    private static string Text(string greeting, List<Block> blocks)
    {
        var text = new StringBuilder(greeting).Append("\n\n");
        foreach (var block in blocks)
        {
            if (block.Heading is not null)
            {
                text.Append(block.Heading).Append(":\n");
            }
            text.Append(block.Text).Append('\n');
            if (block.Link is not null)
            {
                text.Append(block.Link).Append('\n');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Html(string greeting, List<Block> blocks)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder($"<p>{E(greeting)}</p>");
        foreach (var block in blocks)
        {
            if (block.Heading is not null)
            {
                html.Append($"<h2 style=\"font-size:1em;margin:1em 0 0\">{E(block.Heading)}</h2>");
            }
            html.Append($"<p style=\"white-space:pre-line;margin-top:0.25em\">{E(block.Text)}");
            if (block.Link is not null)
            {
                html.Append($"<br><a href=\"{E(block.Link.ToString())}\">{E(block.Link.ToString())}</a>");
            }
            html.Append("</p>");
        }
        return html.ToString();
    }
}
