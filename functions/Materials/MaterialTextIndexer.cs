using System.Threading.Channels;
using Azure.Storage.Blobs;
using Exchange.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Materials;

public sealed record IndexJob(string MaterialId, string Language, string BlobName);

/// <summary>
/// Extracts the words of uploaded files for the library search, off the request path: the
/// upload answers as soon as its file is stored, and this reads the committed blob back into a
/// temporary file (PdfPig needs a seekable stream), extracts up to a cap and stores the words.
/// At start it queues every current file that has no words yet, so a restart loses nothing.
/// </summary>
public sealed class MaterialTextIndexer(
    MaterialStore store,
    [FromKeyedServices(StorageNames.MaterialsContainer)] BlobContainerClient container,
    IOptions<MaterialsOptions> options,
    StorageInitializer storage,
    ILogger<MaterialTextIndexer> logger) : BackgroundService
{
    /// <summary>Characters of words kept per file: well inside one table entity.</summary>
    public const int MaxIndexedCharacters = 300_000;

    private readonly Channel<IndexJob> _jobs = Channel.CreateUnbounded<IndexJob>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(IndexJob job) => _jobs.Writer.TryWrite(job);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        try
        {
            await QueueUnindexedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not look for materials whose text is not yet indexed");
        }
        await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await IndexAsync(job, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not index the {Language} file of material {MaterialId}", job.Language, job.MaterialId);
            }
        }
    }

    private async Task QueueUnindexedAsync(CancellationToken ct)
    {
        var indexed = await store.IndexedBlobsAsync(null, ct);
        foreach (var material in await store.ListAsync(ct))
        {
            foreach (var file in material.Files.Where(f => !indexed.Contains(f.BlobName)))
            {
                Enqueue(new IndexJob(material.Id, file.Language, file.BlobName));
            }
        }
    }

    public async Task IndexAsync(IndexJob job, CancellationToken ct)
    {
        var material = await store.GetAsync(job.MaterialId, ct);
        var file = material?.Files.FirstOrDefault(f => f.BlobName == job.BlobName);
        if (file is null || FileTypes.Find(file.Type) is not { } type)
        {
            return; // replaced or gone since it was queued; the newer file has its own job
        }
        var words = WordSet.Empty;
        if (file.Size <= options.Value.MaxTextExtractionBytes)
        {
            var path = Path.Combine(Path.GetTempPath(), $"exchange-index-{Guid.NewGuid():N}");
            await using var copy = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await container.GetBlobClient(file.BlobName).DownloadToAsync(copy, ct);
            copy.Position = 0;
            try
            {
                words = WordSet.FromDocument(DocumentText.Extract(type, copy, options.Value.MaxExtractedCharacters), MaxIndexedCharacters);
            }
            catch (Exception ex)
            {
                // A damaged or unusual document is still served; it is just not searchable inside.
                logger.LogWarning(ex, "No text could be read from the {Language} file of material {MaterialId}", job.Language, job.MaterialId);
            }
        }
        await store.SaveTextAsync(new IndexedText(job.MaterialId, job.Language, job.BlobName, words.Words), ct);
        logger.LogInformation("Indexed {WordCount} words of the {Language} file of material {MaterialId}", words.Words.Count, job.Language, job.MaterialId);
    }
}
