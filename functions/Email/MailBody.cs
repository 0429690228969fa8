using System.Net;
using System.Text;

namespace Exchange.Email;

/// <summary>One paragraph of a mail: an optional heading, the text, and an optional link below it.</summary>
public sealed record MailBlock(string? Heading, string Text, Uri? Link = null);

/// <summary>
/// The two parts of a mail written as a greeting and paragraphs: plain text, and HTML that says the
/// same with inline styles only (mail clients drop style sheets), no images and no tracking.
/// Reminders and meeting mails share it, so the two read alike in a participant's inbox.
/// </summary>
public static class MailBody
{
    public static string Text(string greeting, IEnumerable<MailBlock> blocks)
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

    public static string Html(string greeting, IEnumerable<MailBlock> blocks)
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

    /// <summary>
    /// A digest's two parts: the intro, the sections <paramref name="sections"/> writes into both, and
    /// the closing line that says where the digest is switched off, with the link to that page.
    /// </summary>
    public static (string Text, string Html) Digest(string intro, Action<StringBuilder, StringBuilder> sections, string off, Uri account)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var text = new StringBuilder(intro).Append("\n\n");
        var html = new StringBuilder($"<p>{E(intro)}</p>");
        sections(text, html);
        text.Append(off).Append('\n').Append(account).Append('\n');
        html.Append($"<p>{E(off)} <a href=\"{E(account.ToString())}\">{E(account.ToString())}</a></p>");
        return (text.ToString(), html.ToString());
    }
}
