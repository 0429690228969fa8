using System.Threading.Channels;
using Azure;
using Azure.Storage.Blobs;
using Exchange.Hosting;
using Exchange.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Materials;

public sealed record IndexJob(string MaterialId, string Language, string BlobName);

public static class MaterialTextExtensions
{
    /// <summary>The text indexer and its sandbox, with the sandbox's limits checked at start.</summary>
    public static IServiceCollection AddMaterialText(this IServiceCollection services)
    {
        services.AddOptions<MaterialsOptions>()
            .Validate(o => o.MaxExtractedCharacters > 0 && o.MaxRunCharacters > 0, "Materials:MaxExtractedCharacters and MaxRunCharacters must be positive.")
            .Validate(o => o.MaxDecompressedPartBytes > 0, "Materials:MaxDecompressedPartBytes must be positive.")
            .Validate(o => o.MaxNestingDepth is >= 16 and <= 10_000, "Materials:MaxNestingDepth must be between 16 and 10000.")
            .Validate(o => o.SandboxMemoryBytes >= 32L * 1024 * 1024, "Materials:SandboxMemoryBytes must be at least 32 MiB.")
            .Validate(o => o.SandboxTimeout > TimeSpan.Zero, "Materials:SandboxTimeout must be positive.")
            .Validate(o => o.MaxTextAttempts >= 1, "Materials:MaxTextAttempts must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<TextSandbox>();
        services.AddHostedServiceAfterStart<MaterialTextIndexer>();
        return services;
    }
}

/// <summary>
/// Reads the words of uploaded files for the library search, off the request path: the upload
/// answers as soon as its file is stored, and this copies the committed blob to a temporary
/// file and has the <see cref="TextSandbox"/> read it, one file at a time. Each attempt is
/// counted in the file's text record before it starts; a file that failed as many times as
/// allowed is never read again by itself. At start it queues every current file whose text
/// is not yet read (or was read by an older reader) and that has attempts left, so a restart
/// loses nothing and a file that brings down its reader cannot bring down the app in a loop.
/// </summary>
public sealed class MaterialTextIndexer(
    MaterialStore store,
    [FromKeyedServices(StorageNames.MaterialsContainer)] BlobContainerClient container,
    TextSandbox sandbox,
    IOptions<MaterialsOptions> options,
    StorageInitializer storage,
    TimeProvider time,
    ILogger<MaterialTextIndexer> logger) : BackgroundService
{
    /// <summary>Characters of words kept per file: well inside one table entity.</summary>
    public const int MaxIndexedCharacters = 300_000;

    /// <summary>
    /// Moves up when the reader finds more or other words than before (2: compatibility folding,
    /// positioned PDF words, form fields, every part of Word and OpenDocument files), so files read
    /// by an older one are read again.
    /// </summary>
    public const int ReaderVersion = 2;

    private readonly Channel<IndexJob> _jobs = Channel.CreateUnbounded<IndexJob>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(IndexJob job) => _jobs.Writer.TryWrite(job);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        try
        {
            await QueueUnreadAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not look for materials whose text is not yet read");
        }
        await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await IndexAsync(job, stoppingToken);
            }
            catch (Exception ex) when (StorageFaults.IsUnavailable(ex) && !stoppingToken.IsCancellationRequested)
            {
                // Storage is out: the file keeps its place and is tried again once storage is back.
                logger.LogWarning(ex, "Storage unavailable while indexing the {Language} file of material {MaterialId}; retrying in {Delay}",
                    job.Language, job.MaterialId, StorageRetryDelay);
                _ = RetryLaterAsync(job, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not index the {Language} file of material {MaterialId}", job.Language, job.MaterialId);
            }
        }
    }

    /// <summary>How long a file waits before it is tried again after storage could not be reached.</summary>
    public static readonly TimeSpan StorageRetryDelay = TimeSpan.FromSeconds(30);

    private async Task RetryLaterAsync(IndexJob job, CancellationToken ct)
    {
        try
        {
            await Task.Delay(StorageRetryDelay, time, ct);
            Enqueue(job);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the start-up scan queues the file again.
        }
    }

    private async Task QueueUnreadAsync(CancellationToken ct)
    {
        var records = (await store.TextStatusesAsync(null, ct)).ToDictionary(r => (r.MaterialId, r.Language));
        var queued = 0;
        foreach (var material in await store.ListAsync(ct))
        {
            foreach (var file in material.Files)
            {
                if (NeedsReading(records.GetValueOrDefault((material.Id, file.Language)), file.BlobName, options.Value.MaxTextAttempts))
                {
                    Enqueue(new IndexJob(material.Id, file.Language, file.BlobName));
                    queued++;
                }
            }
        }
        logger.LogInformation("Queued {Count} files whose text is still to be read", queued);
    }

    /// <summary>
    /// A file is read when it has no record for its current version, or was read by an older
    /// reader, or its reading was interrupted or failed with attempts left. A record left
    /// "being read" with no attempts left is queued too, to be marked not searchable.
    /// </summary>
    public static bool NeedsReading(TextIndex? record, string blobName, int maxAttempts) =>
        record is null || record.BlobName != blobName || record.ReaderVersion < ReaderVersion
        || record.Status == TextStatus.Reading
        || (record.Status == TextStatus.NotSearchable && record.Attempts < maxAttempts);

    public async Task IndexAsync(IndexJob job, CancellationToken ct)
    {
        var o = options.Value;
        var material = await store.GetAsync(job.MaterialId, ct);
        var file = material?.Files.FirstOrDefault(f => f.BlobName == job.BlobName);
        if (file is null || FileTypes.Find(file.Type) is not { } type)
        {
            return; // replaced or gone since it was queued; the newer file has its own job
        }
        var record = await store.GetTextAsync(job.MaterialId, job.Language, ct);
        var current = record is not null && record.BlobName == job.BlobName && record.ReaderVersion >= ReaderVersion;
        var attempts = current ? record!.Attempts : 0;
        if (current && (record!.Status == TextStatus.Searchable || (record.Status == TextStatus.NotSearchable && attempts >= o.MaxTextAttempts)))
        {
            return;
        }
        TextIndex Record(TextStatus status, TextFailure? reason, int count, IReadOnlyList<string> words) =>
            new(job.MaterialId, job.Language, job.BlobName, status, reason, count, ReaderVersion, words, time.GetUtcNow());

        if (attempts >= o.MaxTextAttempts)
        {
            // Every attempt ended with the process that made it: give up, for good.
            await store.SaveTextAsync(Record(TextStatus.NotSearchable, record!.Reason ?? TextFailure.TooComplex, attempts, []), record.ETag, ct);
            logger.LogWarning("Gave up reading the {Language} file of material {MaterialId} after {Attempts} attempts", job.Language, job.MaterialId, attempts);
            return;
        }
        if (file.Size > o.MaxTextExtractionBytes)
        {
            await store.SaveTextAsync(Record(TextStatus.NotSearchable, TextFailure.TooLarge, attempts, []), record?.ETag, ct);
            return;
        }
        // Counted before reading, durably: an attempt that somehow takes the app down still counts.
        var etag = await store.SaveTextAsync(Record(TextStatus.Reading, current ? record!.Reason : null, attempts + 1, []), record?.ETag, ct);
        if (etag is null)
        {
            return; // another instance is at it, or a newer file replaced this one
        }

        SandboxResult result;
        var path = Path.Combine(Path.GetTempPath(), $"exchange-text-{Guid.NewGuid():N}");
        try
        {
            await using (var copy = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 81920, FileOptions.Asynchronous))
            {
                var blob = container.GetBlobClient(file.BlobName);
                // The committed snapshot: the upload key may still write the blob itself for a few minutes.
                await (string.IsNullOrEmpty(file.Snapshot) ? blob : blob.WithSnapshot(file.Snapshot)).DownloadToAsync(copy, ct);
            }
            result = await sandbox.ReadAsync(type, path, MaxIndexedCharacters, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            logger.LogError("The blob {BlobName} of material {MaterialId} is missing", file.BlobName, job.MaterialId);
            result = SandboxResult.Failed(TextFailure.Damaged, "The stored file is missing.");
        }
        finally
        {
            File.Delete(path);
        }

        var final = result.Failure is { } failure
            ? Record(TextStatus.NotSearchable, failure, attempts + 1, [])
            : Record(TextStatus.Searchable, null, attempts + 1, result.Words);
        if (await store.SaveTextAsync(final, etag, ct) is null)
        {
            return; // a newer file of this language took the record meanwhile
        }
        if (result.Failure is { } reason)
        {
            logger.LogWarning("The {Language} file of material {MaterialId} is not searchable ({Reason}, attempt {Attempt}): {Detail}",
                job.Language, job.MaterialId, reason, attempts + 1, result.Detail);
        }
        else
        {
            logger.LogInformation("Indexed {WordCount} words of the {Language} file of material {MaterialId}", result.Words.Count, job.Language, job.MaterialId);
        }
    }
}
