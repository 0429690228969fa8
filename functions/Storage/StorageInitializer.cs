using Microsoft.AspNetCore.Http.HttpResults;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Exchange.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Storage;

/// <summary>
/// Creates every table and container once, at start. It runs beside the server's start-up, so
/// the host's liveness probe is answered at once; requests that need storage wait for it
/// (<see cref="StorageReadyGate"/>).
/// </summary>
public sealed class StorageInitializer(
    IServiceProvider services, IHostApplicationLifetime lifetime, IOptions<StorageOptions> options, IOptions<SiteOptions> site, TimeProvider time,
    ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _failed;

    public Task Ready => _ready.Task;

    /// <summary>True once an attempt failed: storage is known to be out, so requests need not wait for it.</summary>
    public bool HasFailed => _failed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the server open its port first; on two cores this work would otherwise delay it.
        await lifetime.WhenStartedAsync(stoppingToken);
        // Resolved only now: this class is built with the request pipeline, before the port opens.
        var tables = services.GetRequiredService<TableServiceClient>();
        var blobs = services.GetRequiredService<BlobServiceClient>();
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.WhenAll(
                    StorageNames.Tables.Select(t => tables.CreateTableIfNotExistsAsync(t, stoppingToken))
                        .Cast<Task>()
                        .Concat(StorageNames.Containers.Select(c => blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: stoppingToken))));
                if (!string.IsNullOrWhiteSpace(options.Value.ConnectionString))
                {
                    // With a key (Azurite) the app is its own administrator; in Azure the template sets the rule.
                    await BlobCors.EnsureAsync(blobs, BlobCors.OriginOf(site.Value.PublicBaseUrl), stoppingToken);
                }
                logger.LogInformation("Storage ready: {TableCount} tables, {ContainerCount} containers", StorageNames.Tables.Count, StorageNames.Containers.Count);
                _ready.TrySetResult();
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _failed = true;
                logger.LogError(ex, "Storage is not reachable yet; retrying in {Delay}", delay);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }
}

/// <summary>
/// Holds requests that touch storage until the tables and containers exist: a first start waits
/// for them, but once an attempt has failed storage is known to be out and the answer is at once 503.
/// </summary>
public sealed class StorageReadyGate(RequestDelegate next, StorageInitializer storage)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!storage.Ready.IsCompleted && !context.Request.Path.StartsWithSegments("/api/health") && context.Request.Path != "/" &&
            (storage.HasFailed || !await ReadyWithinPatienceAsync(context.RequestAborted)))
        {
            await StorageUnavailable.WriteAsync(context);
            return;
        }
        await next(context);
    }

    private async Task<bool> ReadyWithinPatienceAsync(CancellationToken ct)
    {
        try
        {
            await storage.Ready.WaitAsync(Patience, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

/// <summary>A cheap, real reachability check of both storage services, within a budget; it never throws.</summary>
public sealed class StorageHealth(TableServiceClient tables, BlobServiceClient blobs, ILogger<StorageHealth> logger)
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> ReadyAsync(StorageHealth storage, HttpContext context, CancellationToken ct)
    {
        if (await storage.IsReachableAsync(ct))
        {
            return TypedResults.Ok(new HealthStatus("ready"));
        }
        StorageUnavailable.SetRetryAfter(context);
        return TypedResults.Problem(StorageUnavailable.Problem());
    }

    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Budget);
            await tables.GetTableClient(StorageNames.OrganisationsTable).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token)
                .AsPages().GetAsyncEnumerator(timeout.Token).MoveNextAsync();
            await blobs.GetBlobContainerClient(StorageNames.OutboxContainer).ExistsAsync(timeout.Token);
            return true;
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the probe's answer is "not ready"; a probe that throws is itself a fault.
            logger.LogInformation("Readiness: storage not reachable ({Reason})", ex.GetType().Name);
            return false;
        }
    }
}
