using Exchange.Common;
using Azure;
using Azure.Data.Tables;
using Exchange.Storage;

namespace Exchange.Materials;

/// <summary>
/// Download counts per file revision, kept without lost updates: each download adds one to a
/// randomly chosen shard with an ETag-guarded write, retrying when another download won the
/// race, and readers add the shards up. Sharding keeps retries rare when many download at once.
/// </summary>
public sealed class DownloadCounter([FromKeyedServices(StorageNames.MaterialDownloadsTable)] TableClient table, ILogger<DownloadCounter> logger)
{
    public const int Shards = 8;
    private const int MaxAttempts = 50;

    public async Task IncrementAsync(string materialId, string language, int revision, CancellationToken ct)
    {
        var row = $"{language}.{revision}.{Random.Shared.Next(Shards)}";
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(materialId, row, select: ["Count"], cancellationToken: ct);
            try
            {
                if (!found.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(materialId, row) { ["Count"] = 1L }, ct);
                }
                else
                {
                    var entity = new TableEntity(materialId, row) { ["Count"] = (found.Value!.GetInt64("Count") ?? 0) + 1 };
                    await table.UpdateEntityAsync(entity, found.Value.ETag, TableUpdateMode.Replace, ct);
                }
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another download counted first; read again and add to its total.
            }
        }
        logger.LogWarning("Gave up counting a download of {MaterialId} {Language} revision {Revision} after {Attempts} attempts", materialId, language, revision, MaxAttempts);
    }

    /// <summary>Totals per material, language and revision, for one material or one organisation's materials.</summary>
    public async Task<IReadOnlyDictionary<(string MaterialId, string Language, int Revision), long>> CountsAsync(
        string? organisationId, string? materialId, CancellationToken ct)
    {
        var filter = materialId is not null ? TableClient.CreateQueryFilter($"PartitionKey eq {materialId}")
            : organisationId is not null ? OrganisationFilter(organisationId)
            : null;
        var totals = new Dictionary<(string, string, int), long>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey", "Count"], cancellationToken: ct))
        {
            var parts = e.RowKey.Split('.');
            if (parts.Length == 3 && int.TryParse(parts[1], out var revision))
            {
                var key = (e.PartitionKey, parts[0], revision);
                totals[key] = totals.GetValueOrDefault(key) + (e.GetInt64("Count") ?? 0);
            }
        }
        return totals;
    }

    private static string OrganisationFilter(string organisationId)
    {
        var (from, to) = OrganisationScopedId.RangeOf(organisationId);
        return TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to}");
    }
}
