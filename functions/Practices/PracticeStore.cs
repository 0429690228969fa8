using Azure;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Practices;

public sealed record PracticeSummary(string Id, string OrganisationId, string Name, PracticeStatus Status, bool IsPublished, DateTimeOffset UpdatedAt, IReadOnlyList<string> Languages);

/// <summary>
/// Practices: one partition per organisation, one entity per practice holding the working
/// copy, the public version and the history, so every transition is one ETag-guarded write.
/// The id carries the partition (see <see cref="OrganisationScopedId"/>).
/// </summary>
public sealed class PracticeStore(
    [FromKeyedServices(StorageNames.PracticesTable)] TableClient table,
    [FromKeyedServices(StorageNames.MetaTable)] TableClient meta)
{
    private static readonly string[] SummaryColumns = ["PartitionKey", "RowKey", "Name", "Status", "IsPublic", "UpdatedAt", "Languages"];

    public static string NewId(string organisationId) => OrganisationScopedId.New(organisationId);

    public static (string Partition, string Row)? ParseId(string id) => OrganisationScopedId.Parse(id);

    public static string Compose(string organisationId, string key) => OrganisationScopedId.Compose(organisationId, key);

    public async Task<Practice?> GetAsync(string id, CancellationToken ct)
    {
        if (ParseId(id) is not var (partition, row))
        {
            return null;
        }
        return await table.FindAsync(partition, row, ct: ct) is { } found ? ToPractice(found) : null;
    }

    public async Task<IReadOnlyList<PracticeSummary>> ListAsync(string? organisationId, PracticeStatus? status, CancellationToken ct)
    {
        var filters = new List<string>();
        if (organisationId is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {organisationId}"));
        }
        if (status is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        }
        var result = new List<PracticeSummary>();
        await foreach (var e in table.QueryAsync<TableEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), select: SummaryColumns, cancellationToken: ct))
        {
            result.Add(new PracticeSummary(Compose(e.PartitionKey, e.RowKey), e.PartitionKey, e.GetString("Name") ?? "", Enum.Parse<PracticeStatus>(e.GetString("Status")),
                e.GetBoolean("IsPublic") ?? false, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
                (e.GetString("Languages") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)));
        }
        return result.OrderByDescending(p => p.UpdatedAt).ToList();
    }

    public async Task<Practice> CreateAsync(Practice practice, CancellationToken ct)
    {
        var entity = ToEntity(practice);
        var response = await table.AddEntityAsync(entity, ct);
        return practice with { ETag = response.Headers.ETag?.ToString() ?? "" };
    }

    /// <summary>Replaces the practice if nobody changed it since <paramref name="etag"/>; null when someone did.</summary>
    public async Task<Practice?> SaveAsync(Practice practice, string etag, CancellationToken ct)
    {
        if (await table.ReplaceIfMatchAsync(ToEntity(practice), etag, ct) is not { } saved)
        {
            return null;
        }
        if (practice.Published is not null || practice.History[^1].Action == "unpublished")
        {
            await BumpCatalogueVersionAsync(ct);
        }
        return practice with { ETag = saved };
    }

    /// <summary>Many practices at once, in batches of one partition and at most 100 entities (demo and benchmark data).</summary>
    public async Task ImportAsync(IEnumerable<Practice> practices, CancellationToken ct)
    {
        foreach (var batch in practices.GroupBy(p => p.OrganisationId).SelectMany(g => g.Chunk(100)))
        {
            await table.SubmitTransactionAsync(batch.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(p))), ct);
        }
        await BumpCatalogueVersionAsync(ct);
    }

    /// <summary>Every practice with a public version, or every practice changed since a moment (for incremental refresh).</summary>
    public async IAsyncEnumerable<(string Id, string OrganisationId, PracticeContent? Published, DateTimeOffset? PublishedAt)> ReadPublicAsync(
        DateTimeOffset? changedSince, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var filter = changedSince is { } since
            ? TableClient.CreateQueryFilter($"Timestamp ge {since}")
            : TableClient.CreateQueryFilter($"IsPublic eq {true}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
        {
            yield return (Compose(e.PartitionKey, e.RowKey), e.PartitionKey,
                (e.GetBoolean("IsPublic") ?? false) ? EntityJson.Read<PracticeContent>(e, "Published") : null, e.GetDateTimeOffset("PublishedAt"));
        }
    }

    /// <summary>An opaque marker other instances poll to learn that the public catalogue changed.</summary>
    public async Task<string?> CatalogueVersionAsync(CancellationToken ct)
    {
        return await meta.FindAsync("catalogue", "version", select: ["PartitionKey"], ct: ct) is { } found ? found.ETag.ToString() : null;
    }

    /// <summary>Tells other instances the public catalogue changed (also when what it counts, such as transfers, did).</summary>
    public Task BumpCatalogueVersionAsync(CancellationToken ct) =>
        meta.UpsertEntityAsync(new TableEntity("catalogue", "version") { ["Marker"] = Guid.NewGuid().ToString("N") }, TableUpdateMode.Replace, ct);

    private static TableEntity ToEntity(Practice p)
    {
        var (partition, row) = ParseId(p.Id) ?? throw new ArgumentException("Malformed practice id.", nameof(p));
        var entity = new TableEntity(partition, row)
        {
            ["Name"] = p.Working.Original.Text.Name,
            ["Status"] = p.Status.ToString(),
            ["IsPublic"] = p.Published is not null,
            ["UpdatedAt"] = p.UpdatedAt,
            ["PublishedAt"] = p.PublishedAt,
            ["LastComment"] = p.LastComment,
            ["Languages"] = string.Join(',', p.Working.Texts.Select(t => t.Language)),
        };
        EntityJson.Write(entity, "Working", p.Working);
        EntityJson.Write(entity, "Published", p.Published);
        EntityJson.Write(entity, "History", p.History);
        return entity;
    }

    private static Practice ToPractice(TableEntity e) =>
        new(Compose(e.PartitionKey, e.RowKey), e.PartitionKey, Enum.Parse<PracticeStatus>(e.GetString("Status")),
            EntityJson.Read<PracticeContent>(e, "Working")!, EntityJson.Read<PracticeContent>(e, "Published"),
            e.GetDateTimeOffset("PublishedAt"), e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, e.GetString("LastComment"),
            EntityJson.Read<List<HistoryEntry>>(e, "History") ?? [], e.ETag.ToString());
}
