using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Exchange.Common;
using Exchange.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Materials;

public enum UploadOutcome
{
    Saved,
    Empty,
    TooLarge,
    UnsupportedType,
    Interrupted,
    NotFound,
    Conflict,
}

public sealed record UploadResult(UploadOutcome Outcome, Material? Material = null, bool Replaced = false, string? Detail = null);

/// <summary>
/// A file becomes a version in two steps: the blob is streamed and committed under a name of
/// its own, then the material's entity is rewritten to point at it. The entity write is
/// ETag-guarded and retried on a fresh read, so racing uploads of one language are serialised:
/// each ends as the current file or in the history, never two current. If the second step
/// fails the blob is deleted; if even that fails, <see cref="PurgeOrphanedUploads"/> removes it.
/// </summary>
public sealed class MaterialUploads(
    [FromKeyedServices(StorageNames.MaterialsContainer)] BlobContainerClient container,
    [FromKeyedServices(StorageServiceCollectionExtensions.SingleAttempt)] BlobServiceClient singleAttempt,
    MaterialStore store,
    MaterialTextIndexer indexer,
    IOptions<MaterialsOptions> options,
    TimeProvider time,
    ILogger<MaterialUploads> logger)
{
    private const int MaxAttempts = 20;

    /// <summary>Blob names start with the material id, so the purge can group blobs by material.</summary>
    public static string BlobNameFor(string materialId, string language, DateTimeOffset now) =>
        $"{materialId}/{language}/{now:yyyyMMddHHmmss}-{Secrets.NewToken()[..12]}";

    public static string? MaterialIdOf(string blobName) => blobName.Split('/') is [var id, _, _] ? id : null;

    public async Task<UploadResult> UploadAsync(
        string materialId, string language, string? fileName, Stream body, long? declaredLength, string by, CancellationToken ct)
    {
        var o = options.Value;
        var blob = container.GetBlockBlobClient(BlobNameFor(materialId, language, time.GetUtcNow()));
        var target = new UploadTarget(blob, singleAttempt.GetBlobContainerClient(container.Name).GetBlockBlobClient(blob.Name));
        var (stored, problem) = await BlockUpload.RunAsync(body, declaredLength, target, o.Types, o.MaxUploadBytes, o.UploadBlockBytes, logger, ct);
        if (stored is null)
        {
            logger.LogInformation("Upload of the {Language} file of material {MaterialId} refused: {Problem}", language, materialId, problem);
            return new UploadResult(problem switch
            {
                UploadProblem.Empty => UploadOutcome.Empty,
                UploadProblem.TooLarge => UploadOutcome.TooLarge,
                UploadProblem.UnsupportedType => UploadOutcome.UnsupportedType,
                _ => UploadOutcome.Interrupted,
            });
        }

        // The blob is committed. From here the client's cancellation no longer applies: a write
        // abandoned halfway could land without our knowing, and then the blob would be deleted
        // under a visible version.
        var saved = false;
        try
        {
            if (!await HasExpectedContainerAsync(blob, stored.Type))
            {
                return new UploadResult(UploadOutcome.UnsupportedType);
            }
            var file = new MaterialFile(language, 0, null, FileNames.Neutralise(fileName, stored.Type), stored.Type.Id, stored.Type.ContentType,
                stored.Size, stored.Sha256, blob.Name, time.GetUtcNow(), by, null);
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var material = await store.GetAsync(materialId, CancellationToken.None);
                if (material is null)
                {
                    return new UploadResult(UploadOutcome.NotFound);
                }
                if (material.Files.Concat(material.History).Any(f => f.BlobName == blob.Name))
                {
                    // A retried write that had in fact landed (and may already have been replaced by a racing upload).
                    saved = true;
                    return Saved(material, blob.Name);
                }
                var (changed, error) = MaterialRules.AddFile(material, file, time.GetUtcNow());
                if (error is not null)
                {
                    return new UploadResult(UploadOutcome.Conflict, Detail: error);
                }
                if (await store.SaveAsync(changed!, material.ETag, CancellationToken.None) is { } result)
                {
                    saved = true;
                    return Saved(result, blob.Name);
                }
            }
            return new UploadResult(UploadOutcome.Conflict, Detail: "Too many changes to this material at once. Try again.");
        }
        finally
        {
            if (!saved)
            {
                await DeleteUnlessReferencedAsync(materialId, blob);
            }
        }
    }

    private UploadResult Saved(Material material, string blobName)
    {
        var file = material.Files.Concat(material.History).First(f => f.BlobName == blobName);
        var replaced = file.Revision > 1;
        logger.LogInformation("Stored the {Language} file of material {MaterialId}: {Size} bytes of {Type}, revision {Revision}",
            file.Language, material.Id, file.Size, file.Type, file.Revision);
        indexer.Enqueue(new IndexJob(material.Id, file.Language, file.BlobName));
        return new UploadResult(UploadOutcome.Saved, material, replaced);
    }

    /// <summary>Word and OpenDocument files are ZIP containers: their central directory, at the end, must list the parts the type requires.</summary>
    private static async Task<bool> HasExpectedContainerAsync(BlockBlobClient blob, FileType type)
    {
        if (type == FileTypes.Pdf)
        {
            return true;
        }
        try
        {
            await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 64 * 1024 });
            await using var zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null);
            return FileTypes.HasExpectedEntries(type, zip);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes a committed blob that did not become a version. A write that failed with an
    /// exception may still have landed, so the material is read first; when in doubt the blob
    /// stays, and the purge decides later with the same check.
    /// </summary>
    private async Task DeleteUnlessReferencedAsync(string materialId, BlockBlobClient blob)
    {
        try
        {
            var material = await store.GetAsync(materialId, CancellationToken.None);
            if (material is not null && material.Files.Concat(material.History).Any(f => f.BlobName == blob.Name))
            {
                return;
            }
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not delete the unused blob {BlobName}; the daily purge will", blob.Name);
        }
    }
}
