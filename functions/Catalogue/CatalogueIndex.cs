using System.Collections.Concurrent;
using System.Text.Json;
using Exchange.Common;
using Exchange.Organisations;
using Exchange.Practices;
using Exchange.Storage;

namespace Exchange.Catalogue;

/// <summary>
/// Holds the current catalogue snapshot. Writes on this instance apply at once; other
/// instances notice the catalogue version marker and read only what changed. Serialised
/// answers are cached per snapshot, so a repeated query costs a dictionary lookup.
/// </summary>
public sealed class CatalogueIndex(
    PracticeStore practices, OrganisationStore organisations, IEnumerable<ICatalogueTransfers> transferSources, TimeProvider time, ILogger<CatalogueIndex> logger)
    : IPracticePublication
{
    private IReadOnlyDictionary<string, int> _transfers = new Dictionary<string, int>();
    private const int CacheLimit = 4096;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, CatalogueDocument> _documents = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);
    private volatile CatalogueSnapshot _snapshot = CatalogueSnapshot.Empty;
    private string? _seenVersion;
    private DateTimeOffset _lastSync = DateTimeOffset.MinValue;
    private long _version;

    public async Task<CatalogueSnapshot> SnapshotAsync(CancellationToken ct)
    {
        await _loaded.Task.WaitAsync(ct);
        return _snapshot;
    }

    /// <summary>The serialised answer for a query against the current snapshot, from cache when asked before.</summary>
    public async Task<byte[]> CachedAsync(string key, Func<CatalogueSnapshot, object> answer, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        var cache = _cache;
        if (cache.TryGetValue(key, out var bytes))
        {
            return bytes;
        }
        bytes = JsonSerializer.SerializeToUtf8Bytes(answer(snapshot), JsonDefaults.Options);
        if (cache.Count < CacheLimit && ReferenceEquals(snapshot, _snapshot))
        {
            cache[key] = bytes;
        }
        return bytes;
    }

    /// <summary>Full load at start.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _seenVersion = await practices.CatalogueVersionAsync(ct);
            var started = time.GetUtcNow();
            var synced = StorageClock();
            var names = await OrganisationNamesAsync(ct);
            _documents.Clear();
            await foreach (var (id, organisationId, published, publishedAt) in practices.ReadPublicAsync(null, ct))
            {
                if (published is not null)
                {
                    _documents[id] = CatalogueDocument.From(id, organisationId, names.GetValueOrDefault(organisationId, organisationId), published, publishedAt ?? started);
                }
            }
            _lastSync = synced;
            await ReadTransfersAsync(ct);
            Publish();
            logger.LogInformation("Catalogue loaded: {Count} published practices", _documents.Count);
        }
        finally
        {
            _gate.Release();
            _loaded.TrySetResult();
        }
    }

    /// <summary>
    /// The time the sync window is measured in: the wall clock, as the storage service's entity
    /// timestamps are, never the app's own clock, which tests move forward.
    /// </summary>
    private static DateTimeOffset StorageClock() => TimeProvider.System.GetUtcNow();

    /// <summary>Reads what changed since the last sync, if the version marker says anything did.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var version = await practices.CatalogueVersionAsync(ct);
        if (version == _seenVersion)
        {
            return;
        }
        await _gate.WaitAsync(ct);
        try
        {
            var started = time.GetUtcNow();
            var synced = StorageClock();
            var names = await OrganisationNamesAsync(ct);
            // Overlap the window: entity timestamps come from the storage service's clock.
            await foreach (var (id, organisationId, published, publishedAt) in practices.ReadPublicAsync(_lastSync - TimeSpan.FromMinutes(5), ct))
            {
                Set(id, published is null ? null : CatalogueDocument.From(id, organisationId, names.GetValueOrDefault(organisationId, organisationId), published, publishedAt ?? started));
            }
            _seenVersion = version;
            _lastSync = synced;
            await ReadTransfersAsync(ct);
            Publish();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies a change made on this instance, so its author sees it at once.</summary>
    public async Task ApplyAsync(Practice practice, CancellationToken ct)
    {
        var name = (await organisations.GetAsync(practice.OrganisationId, ct))?.Name ?? practice.OrganisationId;
        await _gate.WaitAsync(ct);
        try
        {
            Set(practice.Id, practice.Published is null ? null : CatalogueDocument.From(practice.Id, practice.OrganisationId, name, practice.Published, practice.PublishedAt ?? time.GetUtcNow()));
            Publish();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Takes up a change to the transfer records made on this instance; others learn of it from the version marker.</summary>
    public async Task TransfersChangedAsync(CancellationToken ct)
    {
        await _loaded.Task.WaitAsync(ct);
        await _gate.WaitAsync(ct);
        try
        {
            await ReadTransfersAsync(ct);
            Publish();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReadTransfersAsync(CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var source in transferSources)
        {
            foreach (var (id, count) in await source.CountsAsync(ct))
            {
                counts[id] = counts.GetValueOrDefault(id) + count;
            }
        }
        _transfers = counts;
    }

    private void Set(string id, CatalogueDocument? document)
    {
        if (document is null)
        {
            _documents.Remove(id);
        }
        else
        {
            _documents[id] = document;
        }
    }

    private void Publish()
    {
        _snapshot = new CatalogueSnapshot(_documents.Values, Interlocked.Increment(ref _version), _transfers);
        _cache = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, string>> OrganisationNamesAsync(CancellationToken ct) =>
        (await organisations.ListAsync(ct)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
}

/// <summary>
/// Tells the catalogue how many other partners took up each practice, for its "taken up" facet and
/// its sort; the transfer records implement it, so the catalogue does not depend on them.
/// </summary>
public interface ICatalogueTransfers
{
    Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken ct);
}

/// <summary>Loads the catalogue at start, then keeps it in step with other instances.</summary>
public sealed class CatalogueSync(CatalogueIndex index, StorageInitializer storage, TimeProvider time, ILogger<CatalogueSync> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await index.LoadAsync(stoppingToken);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Catalogue load failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            }
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
                await index.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Catalogue refresh failed; trying again shortly");
            }
        }
    }
}
