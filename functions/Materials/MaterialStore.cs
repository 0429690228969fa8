using Azure;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Materials;

/// <summary>Where reading a file's text stands: being read, read (searchable), or given up on (not searchable).</summary>
public enum TextStatus
{
    Reading,
    Searchable,
    NotSearchable,
}

/// <summary>
/// The text record of one language's current file: its status, why it is not searchable, how
/// many times reading it was attempted (counted before each attempt starts, so an attempt that
/// ends the process still counts), which version of the reader read it, and the words found.
/// </summary>
public sealed record TextIndex(
    string MaterialId, string Language, string BlobName, TextStatus Status, TextFailure? Reason, int Attempts, int ReaderVersion,
    IReadOnlyList<string> Words, DateTimeOffset UpdatedAt, string ETag = "");

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
        return await table.FindAsync(partition, row, ct: ct) is { } found ? ToMaterial(found) : null;
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
        if (await table.ReplaceIfMatchAsync(ToEntity(material), etag, ct) is not { } saved)
        {
            return null;
        }
        await BumpLibraryVersionAsync(ct);
        return material with { ETag = saved };
    }

    /// <summary>The text record of one language's file, words included; null when there is none.</summary>
    public async Task<TextIndex?> GetTextAsync(string materialId, string language, CancellationToken ct)
    {
        return await texts.FindAsync(materialId, language, ct: ct) is { } found ? ToTextIndex(found, withWords: true) : null;
    }

    /// <summary>
    /// Writes a text record if nobody wrote it since <paramref name="etag"/> (null: if there is
    /// none yet). Returns the new ETag, or null when someone did. Words change the library, so the
    /// version marker moves when a record with words is written.
    /// </summary>
    public async Task<string?> SaveTextAsync(TextIndex text, string? etag, CancellationToken ct)
    {
        var entity = new TableEntity(text.MaterialId, text.Language)
        {
            ["BlobName"] = text.BlobName,
            ["Status"] = text.Status.ToString(),
            ["Reason"] = text.Reason?.ToString(),
            ["Attempts"] = text.Attempts,
            ["Reader"] = text.ReaderVersion,
            ["UpdatedAt"] = text.UpdatedAt,
        };
        EntityJson.Write(entity, "Words", text.Words);
        if (await texts.AddOrReplaceIfMatchAsync(entity, etag, ct) is not { } saved)
        {
            return null;
        }
        if (text.Status != TextStatus.Reading)
        {
            await BumpLibraryVersionAsync(ct);
        }
        return saved;
    }

    /// <summary>The words of every file whose text was read, for the library search.</summary>
    public async Task<IReadOnlyList<TextIndex>> ListTextsAsync(CancellationToken ct)
    {
        var result = new List<TextIndex>();
        await foreach (var e in texts.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: ct))
        {
            result.Add(ToTextIndex(e, withWords: true));
        }
        return result;
    }

    /// <summary>The text records of one material or of all, without their words: where each file's reading stands.</summary>
    public async Task<IReadOnlyList<TextIndex>> TextStatusesAsync(string? materialId, CancellationToken ct)
    {
        var filter = materialId is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {materialId}");
        var result = new List<TextIndex>();
        await foreach (var e in texts.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "BlobName", "Status", "Reason", "Attempts", "Reader", "UpdatedAt"], cancellationToken: ct))
        {
            result.Add(ToTextIndex(e, withWords: false));
        }
        return result;
    }

    /// <summary>Records written before statuses existed hold words only: their text was read, by the first reader.</summary>
    private static TextIndex ToTextIndex(TableEntity e, bool withWords) =>
        new(e.PartitionKey, e.RowKey, e.GetString("BlobName") ?? "",
            Enum.TryParse<TextStatus>(e.GetString("Status"), out var status) ? status : TextStatus.Searchable,
            Enum.TryParse<TextFailure>(e.GetString("Reason"), out var reason) ? reason : null,
            e.GetInt32("Attempts") ?? 1, e.GetInt32("Reader") ?? 1,
            withWords ? EntityJson.Read<List<string>>(e, "Words") ?? [] : [],
            e.GetDateTimeOffset("UpdatedAt") ?? e.Timestamp ?? DateTimeOffset.MinValue, e.ETag.ToString());

    /// <summary>An opaque marker that changes whenever a material, a file or its words change.</summary>
    public async Task<string> LibraryVersionAsync(CancellationToken ct)
    {
        return await meta.FindAsync("materials", "version", select: ["PartitionKey"], ct: ct) is { } found ? found.ETag.ToString() : "";
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
