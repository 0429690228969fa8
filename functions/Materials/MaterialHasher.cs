using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using Azure;
using Azure.Storage.Blobs;
using Exchange.Storage;

namespace Exchange.Materials;

public sealed record HashJob(string MaterialId, string BlobName);

/// <summary>
/// Computes each stored file's SHA-256 from the stored bytes, off the request path: the browser
/// uploads straight to storage, so no server ever sees the bytes go by, and a hash the client
/// sent would prove nothing. One pass over the frozen snapshot with a small buffer, then the
/// hash is written into the material's entity (ETag-guarded, retried on a fresh read). At start
/// it queues every file that has no hash yet, so a restart loses nothing.
/// </summary>
public sealed class MaterialHasher(
    MaterialStore store,
    [FromKeyedServices(StorageNames.MaterialsContainer)] BlobContainerClient container,
    StorageInitializer storage,
    ILogger<MaterialHasher> logger) : BackgroundService
{
    private const int BufferBytes = 64 * 1024;
    private const int MaxAttempts = 20;

    private readonly Channel<HashJob> _jobs = Channel.CreateUnbounded<HashJob>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(HashJob job) => _jobs.Writer.TryWrite(job);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        try
        {
            foreach (var material in await store.ListAsync(stoppingToken))
            {
                foreach (var file in material.Files.Concat(material.History).Where(f => string.IsNullOrEmpty(f.Sha256)))
                {
                    Enqueue(new HashJob(material.Id, file.BlobName));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not look for stored files without a SHA-256");
        }
        await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await HashAsync(job, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Left without a hash; the next start queues it again.
                logger.LogWarning(ex, "Could not compute the SHA-256 of {BlobName}", job.BlobName);
            }
        }
    }

    public async Task HashAsync(HashJob job, CancellationToken ct)
    {
        var material = await store.GetAsync(job.MaterialId, ct);
        var file = material?.Files.Concat(material.History).FirstOrDefault(f => f.BlobName == job.BlobName);
        if (file is null || !string.IsNullOrEmpty(file.Sha256))
        {
            return; // gone from the history, or hashed already
        }
        var blob = container.GetBlobClient(file.BlobName);
        var sha256 = await HashOfAsync(string.IsNullOrEmpty(file.Snapshot) ? blob : blob.WithSnapshot(file.Snapshot), ct);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (MaterialRules.WithHash(material!, file.BlobName, sha256) is not { } hashed)
            {
                return;
            }
            if (await store.SaveAsync(hashed, material!.ETag, ct) is not null)
            {
                logger.LogInformation("SHA-256 of the {Language} file of material {MaterialId}, revision {Revision}: {Sha256}",
                    file.Language, material.Id, file.Revision, sha256);
                return;
            }
            material = await store.GetAsync(job.MaterialId, ct);
            if (material is null)
            {
                return;
            }
        }
        throw new RequestFailedException($"Too many changes to material {job.MaterialId} to record a SHA-256.");
    }

    private static async Task<string> HashOfAsync(BlobClient blob, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            await using var content = (await blob.DownloadStreamingAsync(cancellationToken: ct)).Value.Content;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferBytes), ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
