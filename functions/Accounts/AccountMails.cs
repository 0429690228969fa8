using System.Net;
using Exchange.Common;
using Exchange.Email;

namespace Exchange.Accounts;

/// <summary>Sign-in and invitation mails, in the recipient's language with English as fallback.</summary>
public static class AccountMails
{
    public static string Language(string? requested) => SupportedLanguages.Resolve(requested);

    public static EmailMessage SignIn(string to, Uri link, string? language)
    {
        var t = Texts.For(language);
        return Compose(to, t["account.signIn.subject"], t["account.signIn.intro"], link, t["account.signIn.expiry"], t["account.ignore"], "sign-in");
    }

    public static EmailMessage Invitation(string to, string organisationName, Uri link, DateTimeOffset expires, string? language)
    {
        var t = Texts.For(language);
        return Compose(to, t.Format("account.invite.subject", ("organisation", organisationName)), t.Format("account.invite.intro", ("organisation", organisationName)), link,
            t.Format("account.invite.expiry", ("date", t.Date(DateOnly.FromDateTime(expires.UtcDateTime)))), t["account.invite.ignore"], "invitation");
    }

    private static EmailMessage Compose(string to, string subject, string intro, Uri link, string expiry, string ignore, string category)
    {
        var text = $"{intro}\n\n{link}\n\n{expiry}\n{ignore}\n";
        var html = $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">{WebUtility.HtmlEncode(link.ToString())}</a></p>" +
                   $"<p>{WebUtility.HtmlEncode(expiry)}<br>{WebUtility.HtmlEncode(ignore)}</p>";
        return new EmailMessage(to, subject, text, html, category);
    }
}
