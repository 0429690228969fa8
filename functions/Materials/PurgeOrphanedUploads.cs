using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Exchange.Hosting;
using Exchange.Storage;

namespace Exchange.Materials;

/// <summary>
/// Daily: deletes stored files that no material points to. First the upload slots that were
/// never committed (their blob, whole or only blocks, and the slot); then any other blob without
/// a material pointing at it: files that dropped out of a long history, a commit whose last step
/// failed. Only what is older than an hour goes, well past a slot's lifetime and the grace for its
/// commit; deleting is idempotent, so two runs at once do no harm.
/// </summary>
public sealed class PurgeOrphanedUploads(
    [FromKeyedServices(StorageNames.MaterialsContainer)] BlobContainerClient container,
    UploadSlots slots,
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
        async Task<bool> IsReferencedAsync(string materialId, string blobName)
        {
            if (!referenced.TryGetValue(materialId, out var names))
            {
                var material = await store.GetAsync(materialId, ct);
                referenced[materialId] = names = material is null
                    ? new HashSet<string>()
                    : material.Files.Concat(material.History).Select(f => f.BlobName).ToHashSet(StringComparer.Ordinal);
            }
            return names.Contains(blobName);
        }

        var abandoned = 0;
        foreach (var slot in await slots.OlderThanAsync(cutoff, ct))
        {
            if (!await IsReferencedAsync(slot.MaterialId, slot.BlobName))
            {
                await DeleteAsync(slot.BlobName, ct);
            }
            await slots.RemoveAsync(slot, ct);
            abandoned++;
        }

        var purged = 0;
        // Uncommitted blobs too: a browser that gave up may have left blocks without a block list.
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Uncommitted }, ct))
        {
            var opened = MaterialUploads.OpenedAtOf(blob.Name);
            if (blob.Properties.LastModified is not { } modified || modified > cutoff || opened > cutoff)
            {
                continue;
            }
            if (!await IsReferencedAsync(MaterialUploads.MaterialIdOf(blob.Name) ?? "", blob.Name) && await DeleteAsync(blob.Name, ct))
            {
                purged++;
            }
        }
        logger.LogInformation("Purged {Slots} abandoned upload slots and {Count} orphaned material files", abandoned, purged);
    }

    /// <summary>
    /// Deletes a blob with its snapshots. A blob that has only uncommitted blocks cannot be
    /// deleted as such: an empty block list is committed first (only if no blob exists by then),
    /// which discards the blocks, and the empty blob is deleted.
    /// </summary>
    private async Task<bool> DeleteAsync(string name, CancellationToken ct)
    {
        var blob = container.GetBlockBlobClient(name);
        try
        {
            if ((await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct)).Value)
            {
                return true;
            }
            var blocks = (await blob.GetBlockListAsync(BlockListTypes.Uncommitted, cancellationToken: ct)).Value;
            if (!blocks.UncommittedBlocks.Any())
            {
                return false;
            }
            await blob.CommitBlockListAsync([], new CommitBlockListOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct);
            return (await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false; // nothing was ever written to the slot
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not purge the orphaned upload {BlobName}", name);
            return false;
        }
    }
}
