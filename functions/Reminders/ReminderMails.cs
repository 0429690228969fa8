using System.Net;
using System.Text;
using Exchange.Email;
using Exchange.Mobilities;

namespace Exchange.Reminders;

/// <summary>
/// The reminder mails, in the participant's language (English and Italian; English otherwise):
/// plain text and HTML parts, no images or tracking, one-click unsubscribe (RFC 8058) in the
/// headers and a link to a page where the participant can also undo it.
/// </summary>
public static class ReminderMails
{
    public const string Category = "reminder";
    public const string CopyCategory = "reminder-copy";
    public const string CalendarFile = "visit.ics";

    private sealed record Block(string? Heading, string Text, Uri? Link = null);

    public static string LanguageOf(string language) => language == "it" ? "it" : "en";

    public static EmailMessage Compose(ReminderRecord r, ParticipantLinks links, DateTimeOffset now, DateTimeOffset essayLinkExpires)
    {
        var s = r.Snapshot;
        var it = LanguageOf(s.Language) == "it";
        var host = s.HostOrganisationName;
        var place = string.IsNullOrEmpty(s.HostCity) ? host : $"{host} ({s.HostCity})";
        var range = $"{Date(s.StartDate, it)} – {Date(s.EndDate, it)}";
        var contact = Contact(s);
        var blocks = new List<Block>();
        string subject;
        switch (r.Kind)
        {
            case ReminderKind.Prepare:
                subject = it ? $"La tua visita a {host}: {range}" : $"Your visit to {host}: {range}";
                blocks.Add(new(null, it
                    ? $"la tua visita a {place} si svolge dal {Date(s.StartDate, it)} al {Date(s.EndDate, it)}. Ecco cosa serve per prepararla."
                    : $"your visit to {place} runs from {Date(s.StartDate, it)} to {Date(s.EndDate, it)}. Here is what you need to prepare it."));
                blocks.Add(new(it ? "Dove" : "Where", s.HostAddress ?? (it ? "L'ente ospitante ti confermerà l'indirizzo." : "The host will confirm the address.")));
                blocks.Add(new(it ? "Persona di riferimento" : "Your contact person", contact ?? (it ? "L'ente ospitante ti dirà chi ti accoglierà." : "The host will tell you who welcomes you.")));
                blocks.Add(new(it ? "Programma" : "Programme", s.Programme ?? (it ? "L'ente ospitante ti invierà il programma." : "The host will send you the programme.")));
                blocks.Add(new(null, it ? $"Il file allegato {CalendarFile} aggiunge la visita al tuo calendario. Buona visita!" : $"The attached file {CalendarFile} adds the visit to your calendar. Have a good visit!"));
                break;
            case ReminderKind.Soon:
                subject = it ? $"La tua visita a {host} inizia il {Date(s.StartDate, it)}" : $"Your visit to {host} starts on {Date(s.StartDate, it)}";
                blocks.Add(new(null, it ? $"la tua visita a {place} inizia il {Date(s.StartDate, it)}." : $"your visit to {place} starts on {Date(s.StartDate, it)}."));
                if (s.HostAddress is not null)
                {
                    blocks.Add(new(it ? "Dove" : "Where", s.HostAddress));
                }
                blocks.Add(contact is null
                    ? new(null, it ? "Se ti serve aiuto all'arrivo, scrivi al referente della tua organizzazione." : "If you need help on arrival, write to the person who organised the visit in your organisation.")
                    : new(it ? "All'arrivo chiedi di" : "On arrival, ask for", contact));
                break;
            case ReminderKind.EssayRequest:
                subject = it ? $"Raccontaci la tua visita a {host}" : $"Tell us about your visit to {host}";
                blocks.Add(new(null, it ? $"grazie per aver visitato {place} dal {Date(s.StartDate, it)} al {Date(s.EndDate, it)}." : $"thank you for visiting {place} from {Date(s.StartDate, it)} to {Date(s.EndDate, it)}."));
                blocks.Add(new(null, it
                    ? "Ti chiediamo di scrivere un breve saggio su ciò che hai visto e imparato, e su come lo condividerai con la tua équipe. Richiede circa mezz'ora; non serve un account."
                    : "Please write a short essay about what you saw and learned, and how you will share it with your team at home. It takes about half an hour; no account is needed."));
                AddEssayLink(blocks, links, essayLinkExpires, it);
                break;
            case ReminderKind.EssayReminder:
                subject = it ? $"Promemoria: il tuo saggio sulla visita a {host}" : $"Reminder: your essay about the visit to {host}";
                blocks.Add(new(null, it ? $"non abbiamo ancora ricevuto il tuo saggio sulla visita a {place} ({range})." : $"we have not yet received your essay about your visit to {place} ({range})."));
                AddEssayLink(blocks, links, essayLinkExpires, it);
                break;
            default:
                subject = it ? $"Ultimo promemoria: il tuo saggio sulla visita a {host}" : $"Last reminder: your essay about the visit to {host}";
                blocks.Add(new(null, it
                    ? $"questo è l'ultimo promemoria per il saggio sulla visita a {place} ({range}). Una copia va alla tua organizzazione ({s.SendingOrganisationName}) e al coordinatore del progetto."
                    : $"this is the last reminder about your essay on the visit to {place} ({range}). A copy goes to your organisation ({s.SendingOrganisationName}) and to the project coordinator."));
                AddEssayLink(blocks, links, essayLinkExpires, it);
                break;
        }
        blocks.Add(new(null, it
            ? "Ricevi queste e-mail perché partecipi a una visita del partenariato Exchange. Per non riceverle più (o per riattivarle), apri questa pagina:"
            : "You receive these e-mails because you take part in a visit of the Exchange partnership. To stop them (or to start them again), open this page:", links.UnsubscribePage));

        var greeting = it ? $"Gentile {s.ParticipantName}," : $"Dear {s.ParticipantName},";
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{links.OneClickUnsubscribe}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["X-Exchange-Reminder"] = $"{r.MobilityId}/{r.Id}",
        };
        IReadOnlyList<EmailAttachment>? attachments = r.Kind == ReminderKind.Prepare
            ? [new EmailAttachment(CalendarFile, "text/calendar", VisitCalendar.Create(r.MobilityId, s, links.EssayPage.Host, now,
                it ? $"Visita a {host}" : $"Visit to {host}", s.Programme))]
            : null;
        return new EmailMessage(s.ParticipantEmail, subject, Text(greeting, blocks), Html(greeting, blocks), Category, headers, attachments);
    }

    /// <summary>The copy of the last reminder for the sending organisation's editors and the coordinators: facts only, no participant links.</summary>
    public static EmailMessage Copy(ReminderRecord r, string to)
    {
        var s = r.Snapshot;
        var it = s.SendingOrganisationCountry == "IT";
        var subject = it ? $"Copia: ultimo promemoria del saggio a {s.ParticipantName}" : $"Copy: last essay reminder to {s.ParticipantName}";
        var blocks = new List<Block>
        {
            new(null, it
                ? $"Questa è una copia dell'ultimo promemoria inviato oggi a {s.ParticipantName} ({s.ParticipantEmail}), che ha visitato {s.HostOrganisationName} dal {Date(s.StartDate, it)} al {Date(s.EndDate, it)}. Il saggio non è ancora arrivato."
                : $"This is a copy of the last reminder sent today to {s.ParticipantName} ({s.ParticipantEmail}), who visited {s.HostOrganisationName} from {Date(s.StartDate, it)} to {Date(s.EndDate, it)}. No essay has arrived yet."),
            new(null, it
                ? "Il partecipante può scriverlo con il link ricevuto per e-mail; se lo ha perso, il coordinatore può inviargliene uno nuovo."
                : "The participant can write it with the link in their e-mail; if they lost it, the coordinator can send them a new one."),
        };
        var greeting = it ? "Buongiorno," : "Hello,";
        return new EmailMessage(to, subject, Text(greeting, blocks), Html(greeting, blocks), CopyCategory,
            new Dictionary<string, string> { ["X-Exchange-Reminder"] = $"{r.MobilityId}/{r.Id}/copy" });
    }

    private static void AddEssayLink(List<Block> blocks, ParticipantLinks links, DateTimeOffset expires, bool it) =>
        blocks.Add(new(it ? "Scrivi il tuo saggio" : "Write your essay",
            it ? $"Il link è personale e funziona fino al {Date(DateOnly.FromDateTime(expires.UtcDateTime), it)}:" : $"The link is personal and works until {Date(DateOnly.FromDateTime(expires.UtcDateTime), it)}:",
            links.EssayPage));

    private static string? Contact(ReminderSnapshot s)
    {
        var parts = new[] { s.ContactName, s.ContactEmail, s.ContactPhone }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static readonly string[] MonthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] MonthsIt = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];

    /// <summary>"30 March 2026" or "30 marzo 2026": the app has no culture data (invariant globalization), so the names are here.</summary>
    public static string Date(DateOnly date, bool italian) => $"{date.Day} {(italian ? MonthsIt : MonthsEn)[date.Month - 1]} {date.Year}";

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
