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
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the server open its port first; on two cores this work would otherwise delay it.
        await lifetime.WhenStartedAsync(stoppingToken);
        // Resolved only now: this class is built with the request pipeline, before the port opens.
        var tables = services.GetRequiredService<TableServiceClient>();
        var blobs = services.GetRequiredService<BlobServiceClient>();
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
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Storage is not reachable yet; retrying in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            }
        }
    }
}

/// <summary>Holds requests that touch storage until the tables and containers exist.</summary>
public sealed class StorageReadyGate(RequestDelegate next, StorageInitializer storage, IProblemDetailsService problems)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!storage.Ready.IsCompleted && !context.Request.Path.StartsWithSegments("/api/health") && context.Request.Path != "/")
        {
            try
            {
                await storage.Ready.WaitAsync(Patience, context.RequestAborted);
            }
            catch (TimeoutException)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "10";
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 503, Title = "Storage is not reachable yet.", Detail = "Try again in a few seconds." },
                });
                return;
            }
        }
        await next(context);
    }
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
