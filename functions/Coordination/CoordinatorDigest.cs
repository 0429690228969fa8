using System.Globalization;
using System.Net;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Exchange.Accounts;
using Exchange.Common;
using Exchange.Email;
using Exchange.Hosting;
using Exchange.Mobilities;
using Exchange.Practices;
using Exchange.Reminders;
using Exchange.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Coordination;

/// <summary>What waits for the coordinators: practices to review, reminders that failed, essays to read.</summary>
public sealed record DigestContent(IReadOnlyList<PracticeSummary> Submissions, IReadOnlyList<ReminderFailure> FailedReminders, IReadOnlyList<Essay> EssaysToRead)
{
    public bool IsEmpty => Submissions.Count == 0 && FailedReminders.Count == 0 && EssaysToRead.Count == 0;
}

/// <summary>
/// Mondays: one mail to each coordinator who kept the digest on, listing what waits for them.
/// Nothing waiting, no mail. A marker per coordinator and week in the Meta table, written before
/// the mail, makes two runs at once (or a run repeated) send each digest once.
/// </summary>
public sealed class SendCoordinatorDigest(
    PracticeStore practices, ReminderStore reminders, EssayStore essays, AccountStore accounts, IEmailSender email,
    [FromKeyedServices(StorageNames.MetaTable)] TableClient meta, IOptions<AccountsOptions> options, IOptions<SiteOptions> site,
    TimeProvider time, ILogger<SendCoordinatorDigest> logger) : ITimerFunction
{
    public const string Name = nameof(SendCoordinatorDigest);
    public const string Schedule = "0 0 7 * * 1";

    public async Task RunAsync(TimerRun run, CancellationToken ct)
    {
        var content = new DigestContent(
            await practices.ListAsync(null, PracticeStatus.Submitted, ct),
            await reminders.ListFailuresAsync(ct),
            await essays.ListAsync(EssayStatus.Submitted, null, ct));
        if (content.IsEmpty)
        {
            logger.LogInformation("Coordinator digest: nothing waits, no mail sent");
            return;
        }
        var week = ISOWeek.GetYear(time.GetUtcNow().UtcDateTime) + "-W" + ISOWeek.GetWeekOfYear(time.GetUtcNow().UtcDateTime).ToString("D2", CultureInfo.InvariantCulture);
        var sent = 0;
        foreach (var coordinator in options.Value.CoordinatorEmails.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct())
        {
            var preferences = await accounts.PreferencesAsync(coordinator, ct);
            if (!preferences.WeeklyDigest || !await meta.ClaimAsync("coordinator-digest", Key(week, coordinator), time.GetUtcNow(), ct))
            {
                continue;
            }
            try
            {
                await email.SendAsync(CoordinatorMails.Digest(coordinator, content, site.Value.PublicBaseUrl, preferences.Language), ct);
                sent++;
            }
            catch (EmailSendException ex)
            {
                // Give the week back, so the next run tries again.
                await meta.DeleteEntityAsync("coordinator-digest", Key(week, coordinator), ETag.All, ct);
                logger.LogWarning(ex, "Could not send the weekly digest to a coordinator");
            }
        }
        logger.LogInformation("Coordinator digest sent to {Count} coordinators", sent);
    }

    private static string Key(string week, string coordinator) => week + "-" + Secrets.Hash(coordinator)[..16];
}

/// <summary>The coordinators' digest, in the language each chose (English as the fallback), with plain-text and HTML parts.</summary>
public static class CoordinatorMails
{
    public const string Category = "digest";

    public static EmailMessage Digest(string to, DigestContent content, Uri site, string language)
    {
        var t = Texts.For(language);
        var sections = new List<(string Title, IReadOnlyList<(string Line, Uri Link)> Items)>
        {
            (t.Format("digest.submissions", ("count", content.Submissions.Count)),
                content.Submissions.Select(p => (p.Name, new Uri(site, $"/my/practices/{p.Id}/review"))).ToList()),
            (t.Format("digest.failedReminders", ("count", content.FailedReminders.Count)),
                content.FailedReminders.Select(f => ($"{f.ParticipantName} ({f.ParticipantEmail}) — {f.HostOrganisationName}", new Uri(site, $"/my/mobilities/{f.MobilityId}"))).ToList()),
            (t.Format("digest.essays", ("count", content.EssaysToRead.Count)),
                content.EssaysToRead.Select(e => (e.ParticipantName, new Uri(site, $"/admin/essays/{e.MobilityId}"))).ToList()),
        };
        var body = MailBody.Digest(t["digest.intro"], (text, html) =>
        {
            foreach (var (title, items) in sections.Where(s => s.Items.Count > 0))
            {
                text.Append(title).Append('\n');
                html.Append($"<h2>{WebUtility.HtmlEncode(title)}</h2><ul>");
                foreach (var (line, link) in items)
                {
                    text.Append("- ").Append(line).Append(": ").Append(link).Append('\n');
                    html.Append($"<li><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">{WebUtility.HtmlEncode(line)}</a></li>");
                }
                text.Append('\n');
                html.Append("</ul>");
            }
        }, t["digest.off"], new Uri(site, "/my/account"));
        return new EmailMessage(to, t["digest.subject"], body.Text, body.Html, Category);
    }
}

public static class CoordinationServiceCollectionExtensions
{
    public static IServiceCollection AddCoordination(this IServiceCollection services) =>
        services.AddTimerFunction<SendCoordinatorDigest>(SendCoordinatorDigest.Name, SendCoordinatorDigest.Schedule);
}
