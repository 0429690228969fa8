using Azure.Data.Tables;

namespace Exchange.Storage;

public static class TableReads
{
    /// <summary>The entity at these keys, or null when there is none (a missing record is an answer, not a fault).</summary>
    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken ct = default)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, ct);
        return found.HasValue ? found.Value : null;
    }
}
