using Azure;
using Azure.Data.Tables;

namespace Exchange.Storage;

/// <summary>
/// The ETag-guarded writes behind every edit: a record is replaced or deleted only if nobody
/// changed it since the version the editor saw. "Changed meanwhile" (412) and "gone meanwhile"
/// (404) are the same answer to the editor, so both are a plain "no" here, never an exception.
/// The ETag is well formed by the time it gets here (<see cref="EditPrecondition"/>), so any
/// other refusal from storage is a fault and is thrown as one.
/// </summary>
public static class ConditionalWrites
{
    /// <summary>Replaces <paramref name="entity"/> if the stored one still has <paramref name="etag"/>: the new ETag, or null when it changed or went.</summary>
    public static async Task<string?> ReplaceIfMatchAsync(this TableClient table, ITableEntity entity, string etag, CancellationToken ct)
    {
        try
        {
            var response = await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, ct);
            return response.Headers.ETag?.ToString() ?? "";
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Adds the entity when <paramref name="etag"/> is null (the writer saw none), or replaces the
    /// version it saw: the new ETag, or null when another write came first (created, changed or gone).
    /// </summary>
    public static async Task<string?> AddOrReplaceIfMatchAsync(this TableClient table, ITableEntity entity, string? etag, CancellationToken ct)
    {
        if (etag is not null)
        {
            return await table.ReplaceIfMatchAsync(entity, etag, ct);
        }
        try
        {
            var response = await table.AddEntityAsync(entity, ct);
            return response.Headers.ETag?.ToString() ?? "";
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Deletes the entity if it still has <paramref name="etag"/>; false when it changed or went.</summary>
    public static async Task<bool> DeleteIfMatchAsync(this TableClient table, string partitionKey, string rowKey, string etag, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, new ETag(etag), ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }
}
