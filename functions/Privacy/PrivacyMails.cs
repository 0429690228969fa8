using System.Net;
using Exchange.Email;

namespace Exchange.Privacy;

/// <summary>The mails of this area, in the recipient's language with English as fallback.</summary>
public static class PrivacyMails
{
    public const string ErasureCategory = "erasure";
    public const string LastEditorCategory = "last-editor";

    private sealed record Text(string ConfirmSubject, string ConfirmIntro, string ConfirmExpiry, string ConfirmIgnore, string NoticeSubject, string NoticeBody,
        string LastEditorSubject, string LastEditorBody);

    private static readonly Dictionary<string, Text> Texts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new(
            "Confirm the erasure of your data on Exchange",
            "You asked us to erase your personal data. Erasure is final: your name and address are removed from your visits, reminders and mails, and your essay is deleted unless you keep it published without your name. Confirm with this link:",
            "The link works for 24 hours.",
            "If you did not ask for this, ignore this message: nothing is erased unless you follow the link and confirm.",
            "Your data on Exchange is being erased",
            "At your request, the project coordinator is erasing your personal data on Exchange. This is the last message we send to this address.",
            "{0} has no editor any more",
            "The last editor of {0} deleted their account. The organisation's practices, materials and visits stay on Exchange; invite a new editor when the organisation names one."),
        ["it"] = new(
            "Conferma la cancellazione dei tuoi dati su Exchange",
            "Hai chiesto di cancellare i tuoi dati personali. La cancellazione è definitiva: nome e indirizzo vengono tolti dalle tue visite, dai promemoria e dalle e-mail, e il tuo saggio viene eliminato, a meno che tu non scelga di lasciarlo pubblicato senza nome. Conferma con questo link:",
            "Il link vale 24 ore.",
            "Se non l'hai chiesto tu, ignora questo messaggio: non viene cancellato nulla se non apri il link e confermi.",
            "I tuoi dati su Exchange vengono cancellati",
            "Su tua richiesta, il coordinatore del progetto sta cancellando i tuoi dati personali su Exchange. Questo è l'ultimo messaggio che inviamo a questo indirizzo.",
            "{0} non ha più redattori",
            "L'ultimo redattore di {0} ha eliminato il proprio account. Le pratiche, i materiali e le visite dell'organizzazione restano su Exchange; invita un nuovo redattore quando l'organizzazione lo indica."),
    };

    public static string Language(string? requested) => requested is not null && Texts.ContainsKey(requested) ? requested.ToLowerInvariant() : "en";

    public static EmailMessage ConfirmErasure(string to, Uri link, string? language)
    {
        var t = Texts[Language(language)];
        var text = $"{t.ConfirmIntro}\n\n{link}\n\n{t.ConfirmExpiry}\n{t.ConfirmIgnore}\n";
        var html = $"<p>{WebUtility.HtmlEncode(t.ConfirmIntro)}</p><p><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">{WebUtility.HtmlEncode(link.ToString())}</a></p>" +
                   $"<p>{WebUtility.HtmlEncode(t.ConfirmExpiry)}<br>{WebUtility.HtmlEncode(t.ConfirmIgnore)}</p>";
        return new EmailMessage(to, t.ConfirmSubject, text, html, ErasureCategory);
    }

    public static EmailMessage ErasureNotice(string to, string? language)
    {
        var t = Texts[Language(language)];
        return new EmailMessage(to, t.NoticeSubject, t.NoticeBody + "\n", $"<p>{WebUtility.HtmlEncode(t.NoticeBody)}</p>", ErasureCategory);
    }

    public static EmailMessage LastEditorLeft(string to, string organisationName, string? language)
    {
        var t = Texts[Language(language)];
        var body = string.Format(t.LastEditorBody, organisationName);
        return new EmailMessage(to, string.Format(t.LastEditorSubject, organisationName), body + "\n", $"<p>{WebUtility.HtmlEncode(body)}</p>", LastEditorCategory);
    }
}
