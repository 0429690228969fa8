using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Exchange.Practices;
using Exchange.Storage;

namespace Exchange.Transfers;

/// <summary>
/// Partners' own transfer records: one partition per practice taken up (its page reads one
/// partition), one row per adopting organisation, each under its own ETag.
/// </summary>
public sealed class TransferStore([FromKeyedServices(StorageNames.TransfersTable)] TableClient table)
{
    private const string DateFormat = "yyyy-MM-dd";

    public async Task<TransferRecord?> GetAsync(string practiceId, string organisationId, CancellationToken ct)
    {
        return await table.FindAsync(practiceId, organisationId, ct: ct) is { } found ? ToRecord(found) : null;
    }

    public async Task<IReadOnlyList<TransferRecord>> ListAsync(string? practiceId, string? organisationId, CancellationToken ct)
    {
        var filters = new List<string>();
        if (practiceId is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {practiceId}"));
        }
        if (organisationId is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey eq {organisationId}"));
        }
        var result = new List<TransferRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken: ct))
        {
            result.Add(ToRecord(e));
        }
        return result;
    }

    /// <summary>Null when the organisation already has a record of this practice.</summary>
    public async Task<TransferRecord?> CreateAsync(TransferRecord record, CancellationToken ct)
    {
        try
        {
            var response = await table.AddEntityAsync(ToEntity(record), ct);
            return record with { ETag = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<TransferRecord?> SaveAsync(TransferRecord record, string etag, CancellationToken ct) =>
        await table.ReplaceIfMatchAsync(ToEntity(record), etag, ct) is { } saved ? record with { ETag = saved } : null;

    public Task<bool> DeleteAsync(TransferRecord record, string etag, CancellationToken ct) =>
        table.DeleteIfMatchAsync(record.PracticeId, record.OrganisationId, etag, ct);

    private static TableEntity ToEntity(TransferRecord r)
    {
        var entity = new TableEntity(r.PracticeId, r.OrganisationId)
        {
            ["Kind"] = r.Kind.ToString(),
            ["StartedOn"] = r.StartedOn.ToString(DateFormat, CultureInfo.InvariantCulture),
            ["Changes"] = r.Changes,
            ["ServesWhom"] = r.ServesWhom,
            ["Status"] = r.Status.ToString(),
            ["StatusReason"] = r.StatusReason,
            ["Language"] = r.Language,
            ["Results"] = r.Results,
            ["CreatedAt"] = r.CreatedAt,
            ["UpdatedAt"] = r.UpdatedAt,
            ["UpdatedBy"] = r.UpdatedBy,
        };
        EntityJson.Write(entity, "Indicators", r.Indicators);
        EntityJson.Write(entity, "History", r.History);
        return entity;
    }

    private static TransferRecord ToRecord(TableEntity e) => new(
        e.PartitionKey, e.RowKey, TransferSource.Partner, null, Enum.Parse<TransferKind>(e.GetString("Kind") ?? nameof(TransferKind.Adopted)),
        DateOnly.ParseExact(e.GetString("StartedOn") ?? "2000-01-01", DateFormat, CultureInfo.InvariantCulture), e.GetString("Changes") ?? "",
        e.GetString("ServesWhom") ?? "", Enum.Parse<TransferStatus>(e.GetString("Status") ?? nameof(TransferStatus.Trying)), e.GetString("StatusReason"),
        e.GetString("Language") ?? "en", e.GetString("Results"), EntityJson.Read<List<Indicator>>(e, "Indicators") ?? [],
        EntityJson.Read<List<TransferSnapshot>>(e, "History") ?? [], e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, e.GetString("UpdatedBy") ?? "", e.ETag.ToString());
}
