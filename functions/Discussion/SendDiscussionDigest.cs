using System.Globalization;
using System.Net;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Exchange.Accounts;
using Exchange.Common;
using Exchange.Email;
using Exchange.Hosting;
using Exchange.Organisations;
using Exchange.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Discussion;

/// <summary>
/// Once a day: each organisation whose practices or twinnings got new comments, and that kept its
/// digest on, gets one mail per editor listing them. A marker per organisation and day in the Meta
/// table, written before the mails are queued, keeps it to one digest a day even when two runs
/// meet; the mails themselves go through the pending-work mail queue, with its retries. Notices of
/// an organisation that switched the digest off are dropped; those that came after today's digest
/// wait for tomorrow's.
/// </summary>
public sealed class SendDiscussionDigest(
    CommentStore store, AccountStore accounts, OrganisationStore organisations, MailQueue mail,
    [FromKeyedServices(StorageNames.MetaTable)] TableClient meta, IOptions<SiteOptions> site, TimeProvider time,
    ILogger<SendDiscussionDigest> logger) : ITimerFunction
{
    public const string Name = nameof(SendDiscussionDigest);
    public const string Schedule = "0 0 16 * * *";
    private const string MarkerPartition = "discussion-digest";

    public async Task RunAsync(TimerRun run, CancellationToken ct)
    {
        var pending = (await store.NoticesAsync(ct)).GroupBy(n => n.OrganisationId).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        var day = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var users = await accounts.ListUsersAsync(ct);
        var sent = 0;
        foreach (var group in pending)
        {
            var (digestOn, _) = await store.DigestSettingAsync(group.Key, ct);
            if (!digestOn)
            {
                await store.RemoveNoticesAsync(group, ct);
                continue;
            }
            if (!await meta.ClaimAsync(MarkerPartition, $"{day}-{group.Key}", time.GetUtcNow(), ct))
            {
                continue;
            }
            var organisation = await organisations.GetAsync(group.Key, ct);
            var language = SupportedLanguages.ForCountry(organisation?.Country);
            foreach (var editor in users.Where(u => u.Role == Roles.Partner && u.OrganisationId == group.Key))
            {
                await mail.AcceptAsync(DiscussionMails.Digest(editor.Email, organisation?.Name ?? group.Key, group.OrderBy(n => n.CreatedAt).ToList(), site.Value.PublicBaseUrl, language), ct);
                sent++;
            }
            await store.RemoveNoticesAsync(group, ct);
        }
        logger.LogInformation("Discussion digest: {Count} mails queued for {Organisations} organisations", sent, pending.Count);
    }
}

/// <summary>The digest of new comments, in the editor's language (English as the fallback), with plain-text and HTML parts.</summary>
public static class DiscussionMails
{
    public const string Category = "discussion-digest";

    public static EmailMessage Digest(string to, string organisationName, IReadOnlyList<CommentNotice> notices, Uri site, string language)
    {
        var t = Texts.For(language);
        var subject = t.Format("discussion.digest.subject", ("count", notices.Count), ("organisation", organisationName));
        var anonymous = t["discussion.digest.anonymous"];
        var body = MailBody.Digest(t["discussion.digest.intro"], (text, html) =>
        {
            foreach (var thread in notices.GroupBy(n => (n.Path, n.ThreadTitle)))
            {
                var link = new Uri(site, thread.Key.Path + "#discussion");
                text.Append(thread.Key.ThreadTitle).Append(": ").Append(link).Append('\n');
                html.Append($"<h2><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">{WebUtility.HtmlEncode(thread.Key.ThreadTitle)}</a></h2><ul>");
                foreach (var n in thread)
                {
                    var who = string.Join(", ", new[] { n.AuthorName ?? anonymous, n.AuthorOrganisationName }.Where(x => !string.IsNullOrWhiteSpace(x)));
                    text.Append("- ").Append(who).Append(" (").Append(n.Language).Append("): ").Append(n.Excerpt.ReplaceLineEndings(" ")).Append('\n');
                    html.Append($"<li><strong>{WebUtility.HtmlEncode(who)}</strong> <span lang=\"{WebUtility.HtmlEncode(n.Language)}\">{WebUtility.HtmlEncode(n.Excerpt)}</span></li>");
                }
                text.Append('\n');
                html.Append("</ul>");
            }
        }, t["discussion.digest.off"], new Uri(site, "/my/account"));
        return new EmailMessage(to, subject, body.Text, body.Html, Category);
    }
}
