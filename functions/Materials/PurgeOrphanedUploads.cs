using Azure;
using Azure.Storage.Blobs;
using Exchange.Hosting;
using Exchange.Storage;

namespace Exchange.Materials;

/// <summary>
/// Daily: deletes stored files that no material points to — uploads whose metadata write
/// failed after the blob was committed, and files that dropped out of a long history. Only
/// blobs older than an hour go, so an upload between its commit and its metadata write is
/// safe; deleting is idempotent, so two runs at once do no harm.
/// </summary>
public sealed class PurgeOrphanedUploads(
    [FromKeyedServices(StorageNames.MaterialsContainer)] BlobContainerClient container,
    MaterialStore store,
    TimeProvider time,
    ILogger<PurgeOrphanedUploads> logger) : ITimerFunction
{
    public const string Name = nameof(PurgeOrphanedUploads);
    public const string Schedule = "0 15 3 * * *";
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    public async Task RunAsync(TimerRun run, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - MinimumAge;
        var referenced = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var purged = 0;
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: ct))
        {
            if (blob.Properties.LastModified is not { } modified || modified > cutoff)
            {
                continue;
            }
            var materialId = MaterialUploads.MaterialIdOf(blob.Name) ?? "";
            if (!referenced.TryGetValue(materialId, out var names))
            {
                var material = await store.GetAsync(materialId, ct);
                referenced[materialId] = names = material is null
                    ? new HashSet<string>()
                    : material.Files.Concat(material.History).Select(f => f.BlobName).ToHashSet(StringComparer.Ordinal);
            }
            if (names.Contains(blob.Name))
            {
                continue;
            }
            try
            {
                var deleted = await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: ct);
                purged += deleted.Value ? 1 : 0;
            }
            catch (RequestFailedException ex)
            {
                logger.LogWarning(ex, "Could not purge the orphaned upload {BlobName}", blob.Name);
            }
        }
        logger.LogInformation("Purged {Count} orphaned material uploads", purged);
    }
}
