using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Exchange.Storage;

/// <summary>Creates every table and container once, before the app starts serving.</summary>
public sealed class StorageInitializer(TableServiceClient tables, BlobServiceClient blobs, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            StorageNames.Tables.Select(t => tables.CreateTableIfNotExistsAsync(t, cancellationToken))
                .Cast<Task>()
                .Concat(StorageNames.Containers.Select(c => blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
        logger.LogInformation("Storage ready: {TableCount} tables, {ContainerCount} containers", StorageNames.Tables.Count, StorageNames.Containers.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A cheap, real reachability check of both storage services.</summary>
public sealed class StorageHealth(TableServiceClient tables, BlobServiceClient blobs)
{
    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await tables.GetTableClient(StorageNames.OrganisationsTable).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token)
                .AsPages().GetAsyncEnumerator(timeout.Token).MoveNextAsync();
            await blobs.GetBlobContainerClient(StorageNames.OutboxContainer).ExistsAsync(timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or Azure.Identity.AuthenticationFailedException or HttpRequestException)
        {
            return false;
        }
    }
}
