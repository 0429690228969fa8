using Azure;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Materials;

/// <summary>The words found in one stored file, for the library search.</summary>
public sealed record IndexedText(string MaterialId, string Language, string BlobName, IReadOnlyList<string> Words);

/// <summary>
/// Materials: one partition per organisation, one entity per material (facts, current files and
/// history together), so each change is one ETag-guarded write. The words of each language's
/// file live in a second table keyed by material and language. Every change moves the library
/// version marker, which the public listing checks before it reuses its snapshot.
/// </summary>
public sealed class MaterialStore(
    [FromKeyedServices(StorageNames.MaterialsTable)] TableClient table,
    [FromKeyedServices(StorageNames.MaterialTextTable)] TableClient texts,
    [FromKeyedServices(StorageNames.MetaTable)] TableClient meta,
    ILogger<MaterialStore> logger)
{
    public async Task<Material?> GetAsync(string id, CancellationToken ct)
    {
        if (OrganisationScopedId.Parse(id) is not var (partition, row))
        {
            return null;
        }
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct);
        return found.HasValue ? ToMaterial(found.Value!) : null;
    }

    public async Task<IReadOnlyList<Material>> ListAsync(CancellationToken ct)
    {
        var result = new List<Material>();
        await foreach (var e in table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: ct))
        {
            result.Add(ToMaterial(e));
        }
        return result;
    }

    public async Task<Material> CreateAsync(Material material, CancellationToken ct)
    {
        var response = await table.AddEntityAsync(ToEntity(material), ct);
        await BumpLibraryVersionAsync(ct);
        return material with { ETag = response.Headers.ETag?.ToString() ?? "" };
    }

    /// <summary>Replaces the material if nobody changed it since <paramref name="etag"/>; null when someone did.</summary>
    public async Task<Material?> SaveAsync(Material material, string etag, CancellationToken ct)
    {
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(material), new ETag(etag), TableUpdateMode.Replace, ct);
            await BumpLibraryVersionAsync(ct);
            return material with { ETag = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task SaveTextAsync(IndexedText text, CancellationToken ct)
    {
        var entity = new TableEntity(text.MaterialId, text.Language) { ["BlobName"] = text.BlobName };
        EntityJson.Write(entity, "Words", text.Words);
        await texts.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
        await BumpLibraryVersionAsync(ct);
    }

    public async Task<IReadOnlyList<IndexedText>> ListTextsAsync(CancellationToken ct)
    {
        var result = new List<IndexedText>();
        await foreach (var e in texts.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: ct))
        {
            result.Add(new IndexedText(e.PartitionKey, e.RowKey, e.GetString("BlobName") ?? "", EntityJson.Read<List<string>>(e, "Words") ?? []));
        }
        return result;
    }

    /// <summary>The blobs whose words are stored, of one material or of all.</summary>
    public async Task<IReadOnlySet<string>> IndexedBlobsAsync(string? materialId, CancellationToken ct)
    {
        var filter = materialId is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {materialId}");
        var result = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in texts.QueryAsync<TableEntity>(filter, select: ["BlobName"], cancellationToken: ct))
        {
            result.Add(e.GetString("BlobName") ?? "");
        }
        return result;
    }

    /// <summary>An opaque marker that changes whenever a material, a file or its words change.</summary>
    public async Task<string> LibraryVersionAsync(CancellationToken ct)
    {
        var found = await meta.GetEntityIfExistsAsync<TableEntity>("materials", "version", select: ["PartitionKey"], cancellationToken: ct);
        return found.HasValue ? found.Value!.ETag.ToString() : "";
    }

    /// <summary>
    /// Called after a write has landed, so it must not fail the write: a caller that saw an
    /// exception would undo work that is already visible. A missed bump only delays the library.
    /// </summary>
    private async Task BumpLibraryVersionAsync(CancellationToken ct)
    {
        try
        {
            await meta.UpsertEntityAsync(new TableEntity("materials", "version") { ["Marker"] = Guid.NewGuid().ToString("N") }, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not move the library version marker; the public library shows the change after the next one");
        }
    }

    private static TableEntity ToEntity(Material m)
    {
        var (partition, row) = OrganisationScopedId.Parse(m.Id) ?? throw new ArgumentException("Malformed material id.", nameof(m));
        var entity = new TableEntity(partition, row)
        {
            ["Language"] = m.Facts.Language,
            ["Category"] = m.Facts.Category,
            ["Year"] = m.Facts.Year,
            ["Languages"] = string.Join(',', m.Files.Select(f => f.Language)),
            ["CreatedAt"] = m.CreatedAt,
            ["UpdatedAt"] = m.UpdatedAt,
        };
        EntityJson.Write(entity, "Facts", m.Facts);
        EntityJson.Write(entity, "Files", m.Files);
        EntityJson.Write(entity, "History", m.History);
        return entity;
    }

    private static Material ToMaterial(TableEntity e) =>
        new(OrganisationScopedId.Compose(e.PartitionKey, e.RowKey), e.PartitionKey, EntityJson.Read<MaterialFacts>(e, "Facts")!,
            EntityJson.Read<List<MaterialFile>>(e, "Files") ?? [], EntityJson.Read<List<MaterialFile>>(e, "History") ?? [],
            e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, e.ETag.ToString());
}
