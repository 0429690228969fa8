using Exchange.Common;
using Exchange.Email;
using Exchange.Mobilities;

namespace Exchange.Reminders;

/// <summary>
/// The reminder mails, in the participant's language (any supported one; English otherwise):
/// plain text and HTML parts, no images or tracking, one-click unsubscribe (RFC 8058) in the
/// headers and a link to a page where the participant can also undo it.
/// </summary>
public static class ReminderMails
{
    public const string Category = "reminder";
    public const string CopyCategory = "reminder-copy";
    public const string CalendarFile = "visit.ics";

    /// <summary>The language a participant's mails are written in: theirs when the product speaks it, else English.</summary>
    public static string LanguageOf(string language) => SupportedLanguages.Resolve(language);

    public static EmailMessage Compose(ReminderRecord r, ParticipantLinks links, DateTimeOffset now, DateTimeOffset essayLinkExpires)
    {
        var s = r.Snapshot;
        var t = Texts.For(s.Language);
        var host = s.HostOrganisationName;
        var place = string.IsNullOrEmpty(s.HostCity) ? host : $"{host} ({s.HostCity})";
        var start = t.Date(s.StartDate);
        var end = t.Date(s.EndDate);
        var range = $"{start} – {end}";
        (string, object?)[] facts = [("host", host), ("place", place), ("start", start), ("end", end), ("range", range), ("file", CalendarFile),
            ("sending", s.SendingOrganisationName)];
        var contact = Contact(s);
        var blocks = new List<MailBlock>();
        string subject;
        switch (r.Kind)
        {
            case ReminderKind.Prepare:
                subject = t.Format("reminder.prepare.subject", facts);
                blocks.Add(new(null, t.Format("reminder.prepare.intro", facts)));
                blocks.Add(new(t["reminder.where"], s.HostAddress ?? t["reminder.where.later"]));
                blocks.Add(new(t["reminder.contact"], contact ?? t["reminder.contact.later"]));
                blocks.Add(new(t["reminder.programme"], s.Programme ?? t["reminder.programme.later"]));
                blocks.Add(new(null, t.Format("reminder.prepare.calendar", facts)));
                break;
            case ReminderKind.Soon:
                subject = t.Format("reminder.soon.subject", facts);
                blocks.Add(new(null, t.Format("reminder.soon.intro", facts)));
                if (s.HostAddress is not null)
                {
                    blocks.Add(new(t["reminder.where"], s.HostAddress));
                }
                blocks.Add(contact is null ? new(null, t["reminder.soon.help"]) : new(t["reminder.soon.askFor"], contact));
                break;
            case ReminderKind.EssayRequest:
                subject = t.Format("reminder.essayRequest.subject", facts);
                blocks.Add(new(null, t.Format("reminder.essayRequest.intro", facts)));
                blocks.Add(new(null, t["reminder.essayRequest.ask"]));
                AddEssayLink(blocks, links, essayLinkExpires, t);
                break;
            case ReminderKind.EssayReminder:
                subject = t.Format("reminder.essayReminder.subject", facts);
                blocks.Add(new(null, t.Format("reminder.essayReminder.intro", facts)));
                AddEssayLink(blocks, links, essayLinkExpires, t);
                break;
            default:
                subject = t.Format("reminder.essayLast.subject", facts);
                blocks.Add(new(null, t.Format("reminder.essayLast.intro", facts)));
                AddEssayLink(blocks, links, essayLinkExpires, t);
                break;
        }
        blocks.Add(new(null, t["reminder.footer"], links.UnsubscribePage));

        var greeting = t.Format("mail.greeting", ("name", s.ParticipantName));
        var headers = UnsubscribeHeaders(r, links.OneClickUnsubscribe);
        IReadOnlyList<EmailAttachment>? attachments = r.Kind == ReminderKind.Prepare
            ? [new EmailAttachment(CalendarFile, "text/calendar", VisitCalendar.Create(r.MobilityId, s, links.EssayPage.Host, now,
                t.Format("reminder.calendar.title", facts), s.Programme))]
            : null;
        return new EmailMessage(s.ParticipantEmail, subject, MailBody.Text(greeting, blocks), MailBody.Html(greeting, blocks), Category, headers, attachments);
    }

    /// <summary>
    /// The copy of the last reminder for the sending organisation's editors and the coordinators:
    /// facts only, no participant links, in the language of the sending organisation's country.
    /// </summary>
    public static EmailMessage Copy(ReminderRecord r, string to)
    {
        var s = r.Snapshot;
        var t = Texts.For(SupportedLanguages.ForCountry(s.SendingOrganisationCountry));
        (string, object?)[] facts = [("name", s.ParticipantName), ("email", s.ParticipantEmail), ("host", s.HostOrganisationName),
            ("start", t.Date(s.StartDate)), ("end", t.Date(s.EndDate))];
        var blocks = new List<MailBlock>
        {
            new(null, t.Format("reminder.copy.intro", facts)),
            new(null, t["reminder.copy.help"]),
        };
        var greeting = t["mail.hello"];
        return new EmailMessage(to, t.Format("reminder.copy.subject", facts), MailBody.Text(greeting, blocks), MailBody.Html(greeting, blocks), CopyCategory,
            new Dictionary<string, string> { ["X-Exchange-Reminder"] = $"{r.MobilityId}/{r.Id}/copy" });
    }

    /// <summary>
    /// The headers of a mail sent for a reminder record: one-click unsubscribe (RFC 8058) and the
    /// record it was sent for. Meeting mails are reminder records too, and carry the same.
    /// </summary>
    public static Dictionary<string, string> UnsubscribeHeaders(ReminderRecord r, Uri oneClickUnsubscribe) => new()
    {
        ["List-Unsubscribe"] = $"<{oneClickUnsubscribe}>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        ["X-Exchange-Reminder"] = $"{r.MobilityId}/{r.Id}",
    };

    private static void AddEssayLink(List<MailBlock> blocks, ParticipantLinks links, DateTimeOffset expires, TextCatalogue t) =>
        blocks.Add(new(t["reminder.essayLink.heading"], t.Format("reminder.essayLink.text", ("date", t.Date(DateOnly.FromDateTime(expires.UtcDateTime)))), links.EssayPage));

    private static string? Contact(ReminderSnapshot s)
    {
        var parts = new[] { s.ContactName, s.ContactEmail, s.ContactPhone }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary>"30 March 2026", "30. März 2026": the app has no culture data (invariant globalization), so each catalogue writes its own.</summary>
    public static string Date(DateOnly date, string language) => Texts.For(language).Date(date);
}
