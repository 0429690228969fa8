using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Exchange.Common;
using Exchange.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Materials;

/// <summary>
/// A committed file: the material with it, whether it replaced an earlier file of its language, and
/// <c>Tidying</c>, work left to finish (removing the spent slot) that the caller awaits with its own.
/// A refused commit is an <see cref="Outcome{T}"/> refusal whose kind says why: the slot has expired
/// (<see cref="RefusalKind.Gone"/>), nothing or nothing valid was uploaded (<see cref="RefusalKind.Invalid"/>),
/// the file is too large or of a type not taken, the material is gone, or it changed meanwhile.
/// </summary>
public sealed record StoredUpload(Material Material, bool Replaced, Task Tidying);

/// <summary>A slot and the write SAS the editor's browser uploads with; the SAS is handed out, never kept.</summary>
public sealed record SlotGrant(UploadSlot Slot, Uri UploadUri);

/// <summary>
/// A file becomes a version in three steps, and its bytes never pass through this server.
/// <list type="number">
/// <item>A slot: a fresh, unguessable blob name and a write-only SAS for it alone, short-lived.</item>
/// <item>The browser writes the file there itself, in blocks.</item>
/// <item>The commit: the blob is frozen in a snapshot (the SAS can still write the blob, never the
/// snapshot), the snapshot is checked by its content with ranged reads, and the material's entity
/// is rewritten to point at it. The write is ETag-guarded and retried on a fresh read, so racing
/// commits for one language end as one current file and the others in the history.</item>
/// </list>
/// A refused file is deleted at once; an abandoned slot leaves nothing visible, and
/// <see cref="PurgeOrphanedUploads"/> removes its blob.
/// </summary>
public sealed class MaterialUploads(
    [FromKeyedServices(StorageNames.MaterialsContainer)] BlobContainerClient container,
    UploadSlots slots,
    MaterialStore store,
    BlobSigner signer,
    MaterialTextIndexer indexer,
    MaterialHasher hasher,
    IOptions<MaterialsOptions> options,
    TimeProvider time,
    ILogger<MaterialUploads> logger)
{
    /// <summary>A commit may follow the last block a little after the slot's SAS expired.</summary>
    public static readonly TimeSpan CommitGrace = TimeSpan.FromMinutes(5);

    /// <summary>Enough of the start of a file to tell its type.</summary>
    private const int HeadBytes = 1024;

    private const int MaxAttempts = 20;
    private const string SlotTimeFormat = "yyyyMMddHHmmss";

    /// <summary>Blob names start with the material id, so the purge can group blobs by material.</summary>
    public static string BlobNameFor(string materialId, string language, string slotId) => $"{materialId}/{language}/{slotId}";

    public static string? MaterialIdOf(string blobName) => blobName.Split('/') is [var id, _, _] ? id : null;

    /// <summary>When the slot a blob was written through was opened (slot ids begin with the time).</summary>
    public static DateTimeOffset? OpenedAtOf(string blobName) =>
        blobName.Split('/') is [_, _, var slot] && slot.Length > SlotTimeFormat.Length &&
        DateTime.TryParseExact(slot[..SlotTimeFormat.Length], SlotTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;

    /// <summary>Opens a slot; the caller has checked the editor's rights, the language and the declared size.</summary>
    public async Task<SlotGrant> OpenAsync(string materialId, string language, string fileName, long declaredSize, string by, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lifetime = options.Value.UploadLinkLifetime;
        var id = $"{now.UtcDateTime.ToString(SlotTimeFormat, CultureInfo.InvariantCulture)}-{Secrets.NewToken()}";
        var slot = new UploadSlot(materialId, id, language, BlobNameFor(materialId, language, id), fileName, declaredSize, by, now, now + lifetime);
        await slots.AddAsync(slot, ct);
        var uri = await signer.WriteAsync(container.GetBlobClient(slot.BlobName), lifetime, ct);
        logger.LogInformation("Opened upload slot {SlotId} for the {Language} file of material {MaterialId}: {Size} bytes announced by {Email}",
            id, language, materialId, declaredSize, by);
        return new SlotGrant(slot, uri);
    }

    /// <summary>Commits a slot; <paramref name="loaded"/> is the material as the caller just read it, if it did.</summary>
    public async Task<Outcome<StoredUpload>> CommitAsync(UploadSlot slot, Material? loaded, CancellationToken ct)
    {
        if (time.GetUtcNow() > slot.ExpiresAt + CommitGrace)
        {
            await DiscardAsync(slot, container.GetBlobClient(slot.BlobName));
            return Refused(slot, Outcome.Refuse("The upload slot has expired.", RefusalKind.Gone));
        }
        var blob = container.GetBlockBlobClient(slot.BlobName);
        string snapshot;
        try
        {
            // From here on the checked bytes are the recorded bytes, whatever the SAS writes next.
            snapshot = (await blob.CreateSnapshotAsync(cancellationToken: ct)).Value.Snapshot;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Nothing committed yet: the browser may still send its block list and commit again.
            return Refused(slot, Outcome.Refuse("Nothing has been uploaded to this slot yet: send the blocks and the block list first.", RefusalKind.Invalid));
        }

        // The file is frozen: from here the client's cancellation no longer applies, so a refusal
        // is always cleaned up and an accepted file always recorded.
        var saved = false;
        try
        {
            var (type, size, problem) = await InspectAsync(blob.WithSnapshot(snapshot));
            if (type is null || problem is not null)
            {
                return Refused(slot, problem ?? Unsupported);
            }
            var file = new MaterialFile(slot.Language, 0, null, FileNames.Neutralise(slot.FileName, type), type.Id, type.ContentType, size, null,
                slot.BlobName, time.GetUtcNow(), slot.CreatedBy, null, snapshot);
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var material = attempt == 0 && loaded is not null ? loaded : await store.GetAsync(slot.MaterialId, CancellationToken.None);
                if (material is null)
                {
                    return Refused(slot, Outcome.Refuse("The material", RefusalKind.NotFound));
                }
                if (material.Files.Concat(material.History).Any(f => f.BlobName == slot.BlobName))
                {
                    // A racing commit of the same slot, or a retried write that had in fact landed.
                    saved = true;
                    return Saved(slot, material);
                }
                if (!MaterialRules.AddFile(material, file, time.GetUtcNow()).TryGet(out var changed, out var reason))
                {
                    return Refused(slot, Outcome.Refuse(reason));
                }
                if (await store.SaveAsync(changed, material.ETag, CancellationToken.None) is { } result)
                {
                    saved = true;
                    return Saved(slot, result);
                }
            }
            return Refused(slot, Outcome.Refuse("Too many changes to this material at once. Try again."));
        }
        finally
        {
            if (!saved)
            {
                await DiscardAsync(slot, blob);
            }
        }
    }

    /// <summary>
    /// The demo content's way in: the same slot and commit as a partner's upload, with the server
    /// writing the bytes the browser would.
    /// </summary>
    public async Task<Outcome<StoredUpload>> StoreAsync(string materialId, string language, string fileName, BinaryData content, string by, CancellationToken ct)
    {
        var grant = await OpenAsync(materialId, language, fileName, content.ToMemory().Length, by, ct);
        await container.GetBlobClient(grant.Slot.BlobName).UploadAsync(content, ct);
        var result = await CommitAsync(grant.Slot, null, ct);
        await (result.Value?.Tidying ?? Task.CompletedTask);
        return result;
    }

    /// <summary>
    /// Size and type from the frozen snapshot: one ranged read gives its first bytes with its size
    /// and kind; for Word and OpenDocument files two more ranges give the ZIP's central directory.
    /// </summary>
    private async Task<(FileType? Type, long Size, Refusal? Problem)> InspectAsync(BlobBaseClient snapshot)
    {
        var o = options.Value;
        async Task<BlobDownloadResult> ReadRangeAsync(long offset, int length) =>
            (await snapshot.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length) }, CancellationToken.None)).Value;

        BlobDownloadResult head;
        try
        {
            head = await ReadRangeAsync(0, HeadBytes);
        }
        catch (RequestFailedException ex) when (ex.Status == 416)
        {
            return (null, 0, Empty); // no byte to give
        }
        var size = TotalSize(head.Details);
        if (head.Details.BlobType != BlobType.Block)
        {
            return (null, size, Unsupported);
        }
        if (size == 0)
        {
            return (null, size, Empty);
        }
        if (size > o.MaxUploadBytes)
        {
            return (null, size, Outcome.Refuse("The file is too large.", RefusalKind.TooLarge));
        }
        var type = FileTypes.Sniff(head.Content.ToMemory().Span);
        if (type is null || !o.Types.Contains(type))
        {
            return (type, size, Unsupported);
        }
        ZipDirectory.RangeReader range = async (offset, length, _) => (await ReadRangeAsync(offset, length)).Content.ToArray();
        if (FileTypes.IsCompoundFile(head.Content.ToMemory().Span))
        {
            // A password-protected Word file is stored and marked not searchable; a legacy binary one is refused.
            if (await CompoundFile.ReadNamesAsync(range, size, CancellationToken.None) is not { } streams || !CompoundFile.IsEncryptedPackage(streams))
            {
                return (type, size, Unsupported);
            }
        }
        else if (FileTypes.IsContainer(type) &&
            (await ZipDirectory.ReadNamesAsync(range, size, CancellationToken.None) is not { } names || !FileTypes.HasExpectedEntries(type, names)))
        {
            return (type, size, Unsupported);
        }
        return (type, size, null);
    }

    /// <summary>The whole blob's size, from the Content-Range of a ranged read ("bytes 0-1023/104857600").</summary>
    private static long TotalSize(BlobDownloadDetails details) =>
        details.ContentRange?.Split('/') is [_, var total] && long.TryParse(total, out var size) ? size : details.ContentLength;

    private static readonly Refusal Empty = Outcome.Refuse("The file is empty.", RefusalKind.Invalid);
    private static readonly Refusal Unsupported = Outcome.Refuse("The file's content is not of a type this library takes.", RefusalKind.Unsupported);

    private StoredUpload Saved(UploadSlot slot, Material material)
    {
        var file = material.Files.Concat(material.History).First(f => f.BlobName == slot.BlobName);
        logger.LogInformation("Stored the {Language} file of material {MaterialId}: {Size} bytes of {Type}, revision {Revision}",
            file.Language, material.Id, file.Size, file.Type, file.Revision);
        indexer.Enqueue(new IndexJob(material.Id, file.Language, file.BlobName));
        hasher.Enqueue(new HashJob(material.Id, file.BlobName));
        // The slot record is spent; the caller finishes its answer meanwhile. Were it left, the
        // purge would find its blob in use and remove only the record.
        return new StoredUpload(material, file.Revision > 1, slots.RemoveAsync(slot, CancellationToken.None));
    }

    private Refusal Refused(UploadSlot slot, Refusal refusal)
    {
        logger.LogInformation("Commit of upload slot {SlotId} for the {Language} file of material {MaterialId} refused ({Kind}): {Reason}",
            slot.Id, slot.Language, slot.MaterialId, refusal.Kind, refusal.Reason);
        return refusal;
    }

    /// <summary>
    /// Deletes a slot's blob that did not become a version, with its snapshots, and the slot. A
    /// write that failed with an exception may still have landed, so the material is read first;
    /// when in doubt the blob stays, and the purge decides later with the same check.
    /// </summary>
    private async Task DiscardAsync(UploadSlot slot, BlobBaseClient blob)
    {
        try
        {
            var material = await store.GetAsync(slot.MaterialId, CancellationToken.None);
            if (material is not null && material.Files.Concat(material.History).Any(f => f.BlobName == slot.BlobName))
            {
                return;
            }
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: CancellationToken.None);
            await slots.RemoveAsync(slot, CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not delete the unused blob {BlobName}; the daily purge will", slot.BlobName);
        }
    }
}
