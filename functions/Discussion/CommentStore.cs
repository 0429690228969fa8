using System.Globalization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Discussion;

/// <summary>A new comment waiting for its thread owner's daily digest.</summary>
public sealed record CommentNotice(string OrganisationId, string Key, ThreadKind Kind, string ThreadId, string ThreadTitle, string Path,
    string? AuthorName, string? AuthorOrganisationName, string Language, string Excerpt, DateTimeOffset CreatedAt);

/// <summary>
/// Comments, one partition per thread (<c>{kind}.{threadId}</c>), rows keyed by a time-ordered id,
/// so a thread is one partition query in the order it was written and every comment has its own
/// ETag. Notices for the daily digest are kept per organisation in their own table; the digest
/// switch and the names people comment under in a third.
/// </summary>
public sealed partial class CommentStore(
    [FromKeyedServices(StorageNames.CommentsTable)] TableClient comments,
    [FromKeyedServices(StorageNames.CommentNoticesTable)] TableClient notices,
    [FromKeyedServices(StorageNames.DiscussionSettingsTable)] TableClient settings)
{
    private const string OrganisationPartition = "organisation";
    private const string PersonPartition = "person";

    public static string Partition(ThreadKind kind, string threadId) => (kind == ThreadKind.Practices ? "practices." : "twinnings.") + threadId;

    private static long _lastTicks;

    /// <summary>
    /// Time-ordered and unique: the thread reads oldest first. Within an instance the ticks never
    /// repeat, so two comments of one moment keep the order they were written in.
    /// </summary>
    public static string NewId(DateTimeOffset now)
    {
        long ticks, last;
        do
        {
            last = Interlocked.Read(ref _lastTicks);
            ticks = Math.Max(now.UtcTicks, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastTicks, ticks, last) != last);
        return ticks.ToString("D19", CultureInfo.InvariantCulture) + Secrets.NewToken()[..6].ToLowerInvariant().Replace('_', 'x').Replace('-', 'y');
    }

    public static bool IsValidId(string? id) => id is not null && CommentId().IsMatch(id);

    public async Task<IReadOnlyList<Comment>> ThreadAsync(ThreadKind kind, string threadId, CancellationToken ct)
    {
        var result = new List<Comment>();
        await foreach (var e in comments.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(kind, threadId)}"), cancellationToken: ct))
        {
            result.Add(ToComment(e));
        }
        return result;
    }

    public async Task<Comment?> GetAsync(ThreadKind kind, string threadId, string id, CancellationToken ct)
    {
        if (!IsValidId(id))
        {
            return null;
        }
        return await comments.FindAsync(Partition(kind, threadId), id, ct: ct) is { } found ? ToComment(found) : null;
    }

    /// <summary>Adds the comment and, when someone is to be told, its digest notice (the notice is only news; losing it loses no comment).</summary>
    public async Task<Comment> AddAsync(Comment comment, CommentNotice? notice, CancellationToken ct)
    {
        var entity = ToEntity(comment);
        var response = await comments.AddEntityAsync(entity, ct);
        if (notice is not null)
        {
            await notices.UpsertEntityAsync(ToEntity(notice), TableUpdateMode.Replace, ct);
        }
        return comment with { ETag = response.Headers.ETag?.ToString() ?? "" };
    }

    /// <summary>An ETag-guarded replace; null when the comment changed or went meanwhile.</summary>
    public async Task<Comment?> SaveAsync(Comment comment, string etag, CancellationToken ct) =>
        await comments.ReplaceIfMatchAsync(ToEntity(comment), etag, ct) is { } saved ? comment with { ETag = saved } : null;

    public Task<bool> DeleteAsync(Comment comment, string etag, CancellationToken ct) =>
        comments.DeleteIfMatchAsync(Partition(comment.Kind, comment.ThreadId), comment.Id, etag, ct);

    /// <summary>Comments with reports nobody has dealt with yet, across every thread: there are few.</summary>
    public async Task<IReadOnlyList<Comment>> ReportedAsync(CancellationToken ct)
    {
        var result = new List<Comment>();
        await foreach (var e in comments.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ReportsOpen eq {true}"), cancellationToken: ct))
        {
            result.Add(ToComment(e));
        }
        return result.OrderBy(c => c.Reports.Min(r => r.At)).ToList();
    }

    /// <summary>Every comment one person wrote, in every thread (their own data).</summary>
    public async Task<IReadOnlyList<Comment>> ByAuthorAsync(string email, CancellationToken ct)
    {
        var result = new List<Comment>();
        await foreach (var e in comments.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"AuthorEmail eq {email}"), cancellationToken: ct))
        {
            result.Add(ToComment(e));
        }
        return result;
    }

    public async Task<IReadOnlyList<CommentNotice>> NoticesAsync(CancellationToken ct)
    {
        var result = new List<CommentNotice>();
        await foreach (var e in notices.QueryAsync<TableEntity>(cancellationToken: ct))
        {
            result.Add(new CommentNotice(e.PartitionKey, e.RowKey, Enum.Parse<ThreadKind>(e.GetString("Kind")), e.GetString("ThreadId") ?? "",
                e.GetString("ThreadTitle") ?? "", e.GetString("Path") ?? "/", e.GetString("AuthorName"), e.GetString("AuthorOrganisationName"),
                e.GetString("Language") ?? "en", e.GetString("Excerpt") ?? "", e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue));
        }
        return result;
    }

    public async Task RemoveNoticesAsync(IEnumerable<CommentNotice> sent, CancellationToken ct)
    {
        foreach (var batch in sent.GroupBy(n => n.OrganisationId).SelectMany(g => g.Chunk(100)))
        {
            try
            {
                await notices.SubmitTransactionAsync(batch.Select(n => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(n.OrganisationId, n.Key), ETag.All)), ct);
            }
            catch (TableTransactionFailedException)
            {
                // Another run removed some of them first; remove the rest one by one.
                foreach (var n in batch)
                {
                    await notices.DeleteEntityAsync(n.OrganisationId, n.Key, ETag.All, ct);
                }
            }
        }
    }

    /// <summary>Whether the organisation gets the daily digest of new comments (on unless switched off), with the setting's ETag.</summary>
    public async Task<(bool DigestOn, string? ETag)> DigestSettingAsync(string organisationId, CancellationToken ct)
    {
        return await settings.FindAsync(OrganisationPartition, organisationId, ct: ct) is { } found ? (found.GetBoolean("DigestOn") ?? true, found.ETag.ToString()) : (true, null);
    }

    /// <summary>Saves the switch: with no ETag only when it was never set, else under the ETag it was read with. False when that failed.</summary>
    public Task<string?> SaveDigestSettingAsync(string organisationId, bool digestOn, string? etag, CancellationToken ct) =>
        settings.AddOrReplaceIfMatchAsync(new TableEntity(OrganisationPartition, organisationId) { ["DigestOn"] = digestOn }, etag, ct);

    /// <summary>The name a person comments under, as they last gave it.</summary>
    public async Task<string?> NameAsync(string email, CancellationToken ct)
    {
        return await settings.FindAsync(PersonPartition, email, ct: ct) is { } found ? found.GetString("Name") : null;
    }

    public Task SaveNameAsync(string email, string name, CancellationToken ct) =>
        settings.UpsertEntityAsync(new TableEntity(PersonPartition, email) { ["Name"] = name }, TableUpdateMode.Replace, ct);

    public async Task ForgetNameAsync(string email, CancellationToken ct) =>
        await settings.DeleteEntityAsync(PersonPartition, email, ETag.All, ct);

    /// <summary>Removes these names from notices still waiting for a digest; returns how many changed.</summary>
    public async Task<int> ForgetNameInNoticesAsync(IReadOnlySet<string> names, CancellationToken ct)
    {
        if (names.Count == 0)
        {
            return 0;
        }
        var changed = 0;
        foreach (var n in await NoticesAsync(ct))
        {
            if (n.AuthorName is { } name && names.Contains(name))
            {
                await notices.UpsertEntityAsync(ToEntity(n with { AuthorName = null }), TableUpdateMode.Replace, ct);
                changed++;
            }
        }
        return changed;
    }

    private static TableEntity ToEntity(Comment c)
    {
        var entity = new TableEntity(Partition(c.Kind, c.ThreadId), c.Id)
        {
            ["Kind"] = c.Kind.ToString(),
            ["ThreadId"] = c.ThreadId,
            ["ParentId"] = c.ParentId,
            ["AuthorEmail"] = c.AuthorEmail,
            ["AuthorName"] = c.AuthorName,
            ["AuthorOrganisationId"] = c.AuthorOrganisationId,
            ["ByCoordinator"] = c.ByCoordinator,
            ["Language"] = c.Language,
            ["Text"] = c.Text,
            ["Status"] = c.Status.ToString(),
            ["CreatedAt"] = c.CreatedAt,
            ["EditedAt"] = c.EditedAt,
            ["HiddenReason"] = c.HiddenReason,
            ["HiddenAt"] = c.HiddenAt,
            ["HiddenBy"] = c.HiddenBy,
            ["ReportsOpen"] = c.ReportsOpen,
        };
        EntityJson.Write(entity, "Reports", c.Reports);
        return entity;
    }

    private static Comment ToComment(TableEntity e) => new(
        Enum.Parse<ThreadKind>(e.GetString("Kind")), e.GetString("ThreadId") ?? "", e.RowKey, e.GetString("ParentId"), e.GetString("AuthorEmail") ?? "",
        e.GetString("AuthorName"), e.GetString("AuthorOrganisationId"), e.GetBoolean("ByCoordinator") ?? false, e.GetString("Language") ?? "en",
        e.GetString("Text") ?? "", Enum.Parse<CommentStatus>(e.GetString("Status") ?? nameof(CommentStatus.Visible)),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("EditedAt"), e.GetString("HiddenReason"),
        e.GetDateTimeOffset("HiddenAt"), e.GetString("HiddenBy"), EntityJson.Read<List<CommentReport>>(e, "Reports") ?? [],
        e.GetBoolean("ReportsOpen") ?? false, e.ETag.ToString());

    private static TableEntity ToEntity(CommentNotice n) => new(n.OrganisationId, n.Key)
    {
        ["Kind"] = n.Kind.ToString(),
        ["ThreadId"] = n.ThreadId,
        ["ThreadTitle"] = n.ThreadTitle,
        ["Path"] = n.Path,
        ["AuthorName"] = n.AuthorName,
        ["AuthorOrganisationName"] = n.AuthorOrganisationName,
        ["Language"] = n.Language,
        ["Excerpt"] = n.Excerpt,
        ["CreatedAt"] = n.CreatedAt,
    };

    [GeneratedRegex("^[0-9]{19}[0-9a-z]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommentId();
}
