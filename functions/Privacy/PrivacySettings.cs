using Azure.Data.Tables;
using Exchange.Storage;

namespace Exchange.Privacy;

/// <summary>The coordinator's mark that the project's records are to be kept past their retention (an audit or a dispute).</summary>
public sealed class PrivacySettings([FromKeyedServices(StorageNames.MetaTable)] TableClient meta)
{
    public async Task<bool> KeepProjectRecordsAsync(CancellationToken ct)
    {
        var found = await meta.GetEntityIfExistsAsync<TableEntity>("privacy", "settings", cancellationToken: ct);
        return found.HasValue && (found.Value!.GetBoolean("KeepProjectRecords") ?? false);
    }

    public Task SaveAsync(bool keepProjectRecords, CancellationToken ct) =>
        meta.UpsertEntityAsync(new TableEntity("privacy", "settings") { ["KeepProjectRecords"] = keepProjectRecords }, TableUpdateMode.Replace, ct);
}
