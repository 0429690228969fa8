using System.Net;
using Exchange.Email;

namespace Exchange.Accounts;

/// <summary>Sign-in and invitation mails, in the recipient's language with English as fallback.</summary>
public static class AccountMails
{
    private sealed record Text(
        string SignInSubject, string SignInIntro, string SignInExpiry, string InviteSubject, string InviteIntro, string InviteExpiry, string Ignore, string InviteIgnore);

    private static readonly Dictionary<string, Text> Texts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new(
            "Your Exchange sign-in link",
            "Use this link to sign in to Exchange:",
            "The link works once and expires in 15 minutes.",
            "You are invited to edit for {0} on Exchange",
            "The partnership coordinator has invited you to publish practices and materials for {0}. Accept with this link:",
            "The invitation works once and expires on {0:yyyy-MM-dd}.",
            "If you did not ask for this, you can ignore this message.",
            "If you were not expecting this invitation, you can ignore this message: nothing happens unless you follow the link."),
        ["it"] = new(
            "Il tuo link di accesso a Exchange",
            "Usa questo link per accedere a Exchange:",
            "Il link vale una sola volta e scade tra 15 minuti.",
            "Sei invitato a pubblicare per {0} su Exchange",
            "Il coordinatore del partenariato ti ha invitato a pubblicare pratiche e materiali per {0}. Accetta con questo link:",
            "L'invito vale una sola volta e scade il {0:dd/MM/yyyy}.",
            "Se non hai richiesto questo messaggio, puoi ignorarlo.",
            "Se non ti aspettavi questo invito, puoi ignorare questo messaggio: non succede nulla se non apri il link."),
    };

    public static string Language(string? requested) => requested is not null && Texts.ContainsKey(requested) ? requested.ToLowerInvariant() : "en";

    public static EmailMessage SignIn(string to, Uri link, string? language)
    {
        var t = Texts[Language(language)];
        return Compose(to, t.SignInSubject, t.SignInIntro, link, t.SignInExpiry, t.Ignore, "sign-in");
    }

    public static EmailMessage Invitation(string to, string organisationName, Uri link, DateTimeOffset expires, string? language)
    {
        var t = Texts[Language(language)];
        return Compose(to, string.Format(t.InviteSubject, organisationName), string.Format(t.InviteIntro, organisationName), link,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, t.InviteExpiry, expires), t.InviteIgnore, "invitation");
    }

    private static EmailMessage Compose(string to, string subject, string intro, Uri link, string expiry, string ignore, string category)
    {
        var text = $"{intro}\n\n{link}\n\n{expiry}\n{ignore}\n";
        var html = $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">{WebUtility.HtmlEncode(link.ToString())}</a></p>" +
                   $"<p>{WebUtility.HtmlEncode(expiry)}<br>{WebUtility.HtmlEncode(ignore)}</p>";
        return new EmailMessage(to, subject, text, html, category);
    }
}
