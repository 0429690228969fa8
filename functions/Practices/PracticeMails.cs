using System.Net;
using Exchange.Common;
using Exchange.Email;

namespace Exchange.Practices;

/// <summary>Tells a partner's editors that a coordinator requested changes or published their practice, and the coordinators that one waits for review.</summary>
public static class PracticeMails
{
    public static EmailMessage ChangesRequested(string to, string practiceName, string comment, Uri link, string language)
    {
        var t = Texts.For(language);
        return Compose(to, t.Format("practice.changes.subject", ("name", practiceName)), t.Format("practice.changes.intro", ("name", practiceName)), comment,
            t["practice.changes.link"], link);
    }

    public static EmailMessage Published(string to, string practiceName, Uri link, string language)
    {
        var t = Texts.For(language);
        return Compose(to, t.Format("practice.published.subject", ("name", practiceName)), t.Format("practice.published.intro", ("name", practiceName)), null,
            t["practice.published.link"], link);
    }

    public static EmailMessage Submitted(string to, string practiceName, string organisationName, bool again, Uri link, string language)
    {
        var t = Texts.For(language);
        var kind = again ? "practice.resubmitted" : "practice.submitted";
        return Compose(to, t.Format($"{kind}.subject", ("name", practiceName)), t.Format($"{kind}.intro", ("name", practiceName), ("organisation", organisationName)), null,
            t["practice.review.link"], link);
    }

    private static EmailMessage Compose(string to, string subject, string intro, string? comment, string linkIntro, Uri link)
    {
        var quoted = comment is null ? "" : $"\n\n> {comment.Replace("\n", "\n> ", StringComparison.Ordinal)}";
        var text = $"{intro}{quoted}\n\n{linkIntro}\n{link}\n";
        var html = $"<p>{WebUtility.HtmlEncode(intro)}</p>" +
                   (comment is null ? "" : $"<blockquote style=\"white-space:pre-line\">{WebUtility.HtmlEncode(comment)}</blockquote>") +
                   $"<p>{WebUtility.HtmlEncode(linkIntro)} <a href=\"{WebUtility.HtmlEncode(link.ToString())}\">{WebUtility.HtmlEncode(link.ToString())}</a></p>";
        return new EmailMessage(to, subject, text, html, "practice");
    }
}
