using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Exchange.Storage;

namespace Exchange.Handbooks;

/// <summary>Handbooks in one partition (a partnership makes a few); each is one entity, so its composition and generation state change under one ETag.</summary>
public sealed class HandbookStore([FromKeyedServices(StorageNames.HandbooksTable)] TableClient table)
{
    private const string Partition = "handbook";

    public async Task<Handbook?> GetAsync(string id, CancellationToken ct)
    {
        if (!IsValidId(id))
        {
            return null;
        }
        return await table.FindAsync(Partition, id, ct: ct) is { } found ? ToHandbook(found) : null;
    }

    public async Task<IReadOnlyList<Handbook>> ListAsync(CancellationToken ct)
    {
        var result = new List<Handbook>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
        {
            result.Add(ToHandbook(e));
        }
        return result.OrderByDescending(h => h.UpdatedAt).ToList();
    }

    public async Task<Handbook> CreateAsync(Handbook handbook, CancellationToken ct)
    {
        var response = await table.AddEntityAsync(ToEntity(handbook), ct);
        return handbook with { ETag = response.Headers.ETag?.ToString() ?? "" };
    }

    public async Task<Handbook?> SaveAsync(Handbook handbook, string etag, CancellationToken ct) =>
        await table.ReplaceIfMatchAsync(ToEntity(handbook), etag, ct) is { } saved ? handbook with { ETag = saved } : null;

    /// <summary>Applies a change to the stored handbook, reading it again when someone else wrote meanwhile.</summary>
    public async Task<Handbook?> UpdateAsync(string id, Func<Handbook, Handbook> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await GetAsync(id, ct) is not { } current)
            {
                return null;
            }
            if (await SaveAsync(change(current), current.ETag, ct) is { } saved)
            {
                return saved;
            }
        }
        throw new InvalidOperationException($"Handbook {id} kept changing while its state was being written.");
    }

    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static TableEntity ToEntity(Handbook h)
    {
        var entity = new TableEntity(Partition, h.Id)
        {
            ["Title"] = h.Title,
            ["Date"] = h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["OrganisationId"] = h.OrganisationId,
            ["Licence"] = h.Licence,
            ["MaterialId"] = h.MaterialId,
            ["Revision"] = h.Revision,
            ["Status"] = h.Status.ToString(),
            ["Progress"] = h.Progress,
            ["Step"] = h.Step,
            ["LastError"] = h.LastError,
            ["GeneratedAt"] = h.GeneratedAt,
            ["CreatedAt"] = h.CreatedAt,
            ["UpdatedAt"] = h.UpdatedAt,
            ["UpdatedBy"] = h.UpdatedBy,
        };
        EntityJson.Write(entity, "Introductions", h.Introductions);
        EntityJson.Write(entity, "Chapters", h.Chapters);
        EntityJson.Write(entity, "WordFiles", h.WordFiles);
        return entity;
    }

    private static Handbook ToHandbook(TableEntity e) => new(
        e.RowKey, e.GetString("Title") ?? "", EntityJson.Read<List<HandbookIntroduction>>(e, "Introductions") ?? [],
        EntityJson.Read<List<HandbookChapter>>(e, "Chapters") ?? [],
        DateOnly.ParseExact(e.GetString("Date") ?? "2000-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), e.GetString("OrganisationId") ?? "",
        e.GetString("Licence") ?? "CC-BY-4.0", e.GetString("MaterialId"), e.GetInt32("Revision") ?? 0,
        Enum.Parse<HandbookStatus>(e.GetString("Status") ?? nameof(HandbookStatus.Draft)), e.GetInt32("Progress") ?? 0, e.GetString("Step"),
        e.GetString("LastError"), e.GetDateTimeOffset("GeneratedAt"), EntityJson.Read<Dictionary<string, string>>(e, "WordFiles") ?? [],
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("UpdatedBy") ?? "", e.ETag.ToString());
}
