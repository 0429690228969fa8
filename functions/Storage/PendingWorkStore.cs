using Azure;
using Azure.Data.Tables;

namespace Exchange.Storage;

/// <summary>One piece of accepted work: what to do (kind and payload), until when it is worth doing, and how it went so far.</summary>
public sealed record PendingWorkItem(
    string Id, string Kind, string Payload, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    int Attempts, DateTimeOffset NotBefore, DateTimeOffset? ClaimedUntil, string? LastError, string ETag);

/// <summary>
/// The <c>PendingWork</c> table: work the API promised and does after answering. One small
/// partition, read whole by each run; a run claims an item with an ETag-conditional write, so
/// two runs never do the same item at once, and removes it once done.
/// </summary>
public sealed class PendingWorkStore([FromKeyedServices(StorageNames.PendingWorkTable)] TableClient table)
{
    private const string Partition = "pending";

    /// <summary>
    /// Records the item and returns it with its ETag. Recording it again (a retry after an unclear
    /// failure) changes nothing and returns null: the item is there, as it was first written.
    /// </summary>
    public async Task<PendingWorkItem?> AddAsync(PendingWorkItem item, CancellationToken ct)
    {
        try
        {
            var response = await table.AddEntityAsync(ToEntity(item), ct);
            return item with { ETag = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<PendingWorkItem>> ListAsync(CancellationToken ct)
    {
        var result = new List<PendingWorkItem>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
        {
            result.Add(new PendingWorkItem(e.RowKey, e.GetString("Kind") ?? "", EntityJson.Read<string>(e, "Payload") ?? "",
                e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("ExpiresAt") ?? default, e.GetInt32("Attempts") ?? 0,
                e.GetDateTimeOffset("NotBefore") ?? default, e.GetDateTimeOffset("ClaimedUntil"), e.GetString("LastError"), e.ETag.ToString()));
        }
        return result;
    }

    /// <summary>Writes the item if it is still as it was read; null when another run changed or removed it meanwhile.</summary>
    public async Task<PendingWorkItem?> UpdateAsync(PendingWorkItem item, CancellationToken ct)
    {
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(item), new ETag(item.ETag), TableUpdateMode.Replace, ct);
            return item with { ETag = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task DeleteAsync(PendingWorkItem item, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(Partition, item.Id, new ETag(item.ETag), ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone already, or taken over by a run after this one's claim ran out.
        }
    }

    private static TableEntity ToEntity(PendingWorkItem item)
    {
        var entity = new TableEntity(Partition, item.Id)
        {
            ["Kind"] = item.Kind,
            ["CreatedAt"] = item.CreatedAt,
            ["ExpiresAt"] = item.ExpiresAt,
            ["Attempts"] = item.Attempts,
            ["NotBefore"] = item.NotBefore,
            ["ClaimedUntil"] = item.ClaimedUntil,
            ["LastError"] = item.LastError,
        };
        EntityJson.Write(entity, "Payload", item.Payload);
        return entity;
    }
}
