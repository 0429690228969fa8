using System.Net;
using Exchange.Common;
using Exchange.Email;

namespace Exchange.Privacy;

/// <summary>The mails of this area, in the recipient's language with English as fallback.</summary>
public static class PrivacyMails
{
    public const string ErasureCategory = "erasure";
    public const string LastEditorCategory = "last-editor";

    public static string Language(string? requested) => SupportedLanguages.Resolve(requested);

    public static EmailMessage ConfirmErasure(string to, Uri link, string? language)
    {
        var t = Texts.For(language);
        string intro = t["privacy.confirm.intro"], expiry = t["privacy.confirm.expiry"], ignore = t["privacy.confirm.ignore"];
        var text = $"{intro}\n\n{link}\n\n{expiry}\n{ignore}\n";
        var html = $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">{WebUtility.HtmlEncode(link.ToString())}</a></p>" +
                   $"<p>{WebUtility.HtmlEncode(expiry)}<br>{WebUtility.HtmlEncode(ignore)}</p>";
        return new EmailMessage(to, t["privacy.confirm.subject"], text, html, ErasureCategory);
    }

    public static EmailMessage ErasureNotice(string to, string? language)
    {
        var t = Texts.For(language);
        var body = t["privacy.notice.body"];
        return new EmailMessage(to, t["privacy.notice.subject"], body + "\n", $"<p>{WebUtility.HtmlEncode(body)}</p>", ErasureCategory);
    }

    public static EmailMessage LastEditorLeft(string to, string organisationName, string? language)
    {
        var t = Texts.For(language);
        var body = t.Format("privacy.lastEditor.body", ("organisation", organisationName));
        return new EmailMessage(to, t.Format("privacy.lastEditor.subject", ("organisation", organisationName)), body + "\n", $"<p>{WebUtility.HtmlEncode(body)}</p>", LastEditorCategory);
    }
}
