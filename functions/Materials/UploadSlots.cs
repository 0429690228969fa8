using Azure;
using Azure.Data.Tables;
using Exchange.Storage;

namespace Exchange.Materials;

/// <summary>
/// An upload slot: the place in Blob storage one file may be written to, handed to an editor
/// with a write SAS, and what they said about the file when they asked for it. It becomes a
/// version only when committed; until then nothing of it is visible.
/// </summary>
public sealed record UploadSlot(
    string MaterialId, string Id, string Language, string BlobName, string FileName, long DeclaredSize, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>Slots not yet committed, one partition per material; the purge removes those abandoned.</summary>
public sealed class UploadSlots([FromKeyedServices(StorageNames.MaterialUploadsTable)] TableClient table)
{
    public Task AddAsync(UploadSlot slot, CancellationToken ct) =>
        table.AddEntityAsync(new TableEntity(slot.MaterialId, slot.Id)
        {
            ["Language"] = slot.Language,
            ["BlobName"] = slot.BlobName,
            ["FileName"] = slot.FileName,
            ["DeclaredSize"] = slot.DeclaredSize,
            ["CreatedBy"] = slot.CreatedBy,
            ["CreatedAt"] = slot.CreatedAt,
            ["ExpiresAt"] = slot.ExpiresAt,
        }, ct);

    public async Task<UploadSlot?> GetAsync(string materialId, string id, CancellationToken ct)
    {
        if (!IsWellFormed(id))
        {
            return null;
        }
        return await table.FindAsync(materialId, id, ct: ct) is { } found ? ToSlot(found) : null;
    }

    /// <summary>Slots made before <paramref name="cutoff"/>: committed ones are removed as they are committed, so these were abandoned.</summary>
    public async Task<IReadOnlyList<UploadSlot>> OlderThanAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var result = new List<UploadSlot>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CreatedAt lt {cutoff}"), maxPerPage: 1000, cancellationToken: ct))
        {
            result.Add(ToSlot(e));
        }
        return result;
    }

    public async Task RemoveAsync(UploadSlot slot, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(slot.MaterialId, slot.Id, ETag.All, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Removed already, by a racing commit or the purge.
        }
    }

    /// <summary>Slot ids are ours (a time and a random token); anything else is not looked up.</summary>
    public static bool IsWellFormed(string id) =>
        id.Length is > 15 and <= 80 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static UploadSlot ToSlot(TableEntity e) =>
        new(e.PartitionKey, e.RowKey, e.GetString("Language") ?? "", e.GetString("BlobName") ?? "", e.GetString("FileName") ?? "",
            e.GetInt64("DeclaredSize") ?? 0, e.GetString("CreatedBy") ?? "", e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);
}
