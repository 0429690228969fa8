using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Exchange.Hosting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Exchange.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// One service client per storage service; per-table and per-container clients are keyed
    /// singletons derived from them, so a feature asks for exactly the table it uses.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || (o.BlobServiceUri is not null && o.TableServiceUri is not null),
                "Configure Storage:ConnectionString, or both Storage:BlobServiceUri and Storage:TableServiceUri.")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero && o.AttemptTimeout > TimeSpan.Zero && o.BreakDuration >= TimeSpan.FromMilliseconds(500),
                "Storage:RequestTimeout and Storage:AttemptTimeout must be positive, Storage:BreakDuration at least half a second.")
            .ValidateOnStart();

        services.AddSingleton<TokenCredential>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = options.ManagedIdentityClientId,
            });
        });

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = new TableClientOptions { Transport = Transport(sp, "Table", attemptTimeout: true) };
            Retry(clientOptions.Retry, maxRetries: 2, TimeSpan.FromSeconds(20));
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new TableServiceClient(options.TableServiceUri, sp.GetRequiredService<TokenCredential>(), clientOptions)
                : new TableServiceClient(options.ConnectionString, clientOptions);
        });

        // One transport, and so one circuit, for the Blob service; reads wait for the start of an
        // answer no longer than a table call does.
        services.AddKeyedSingleton(BlobTransport, (sp, _) => Transport(sp, "Blob", attemptTimeout: true));
        services.AddSingleton(sp => CreateBlobServiceClient(sp, maxRetries: 2, sp.GetRequiredKeyedService<HttpPipelineTransport>(BlobTransport)));
        services.AddSingleton(sp => new BlobSigner(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<TimeProvider>()));
        // Browsers move files straight to and from the Blob endpoint, so the site's policy must let them connect to it.
        services.AddSingleton(sp => new ConnectSource(sp.GetRequiredService<IOptions<StorageOptions>>().Value.BlobOrigin() ?? "'self'"));

        foreach (var table in StorageNames.Tables)
        {
            services.AddKeyedSingleton(table, (sp, key) => sp.GetRequiredService<TableServiceClient>().GetTableClient((string)key!));
        }
        foreach (var container in StorageNames.Containers)
        {
            services.AddKeyedSingleton(container, (sp, key) => sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient((string)key!));
        }

        // A request is bounded by storage's patience, and a 503's Retry-After is the circuit's break.
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<StorageOptions>>((o, storage) => o.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = storage.Value.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = StorageUnavailable.WriteAsync,
        });
        services.AddOptions<OutageOptions>().Configure<IOptions<StorageOptions>>((o, storage) => o.RetryAfter = storage.Value.BreakDuration);

        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<PendingWorkStore>();
        services.AddHostedServiceAfterStart<PendingWork>();
        services.AddTimerFunction<ProcessPendingWork>(ProcessPendingWork.Name, ProcessPendingWork.Schedule);
        return services;
    }

    /// <summary>Readiness: storage is reachable (the liveness probe, <c>/api/health</c>, is the hosting's own).</summary>
    public static IEndpointRouteBuilder MapStorage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health/ready", StorageHealth.ReadyAsync).WithTags("Health").WithSummary("Readiness: storage is reachable.");
        return app;
    }

    private const string BlobTransport = "blob-transport";

    private static BlobServiceClient CreateBlobServiceClient(IServiceProvider sp, int maxRetries, HttpPipelineTransport transport)
    {
        var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        var clientOptions = new BlobClientOptions { Transport = transport };
        Retry(clientOptions.Retry, maxRetries, TimeSpan.FromMinutes(2));
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.BlobServiceUri, sp.GetRequiredService<TokenCredential>(), clientOptions)
            : new BlobServiceClient(options.ConnectionString, clientOptions);
    }

    /// <summary>
    /// The SDK's own retries, kept short: a blip is retried at once, an outage is left to the
    /// circuit breaker. Three tries within about a second, not four over five or six.
    /// </summary>
    private static void Retry(RetryOptions retry, int maxRetries, TimeSpan networkTimeout)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = maxRetries;
        retry.Delay = TimeSpan.FromMilliseconds(150);
        retry.MaxDelay = TimeSpan.FromSeconds(1);
        retry.NetworkTimeout = networkTimeout;
    }

    /// <summary>
    /// The HTTP transport under a storage client, with a circuit breaker (Polly) around each call:
    /// once most calls of the last few seconds failed to reach storage, calls fail at once with
    /// <see cref="BrokenCircuitException"/> for <see cref="StorageOptions.BreakDuration"/>, then one
    /// call probes. Outside it, an attempt timeout bounds the wait for an answer to begin.
    /// </summary>
    private static HttpPipelineTransport Transport(IServiceProvider sp, string service, bool attemptTimeout)
    {
        var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageServiceCollectionExtensions).FullName!);
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(5),
                BreakDuration = options.BreakDuration,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result.StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
                    _ => false,
                }),
                OnOpened = args =>
                {
                    logger.LogWarning("{Service} storage is failing; calls fail at once for {BreakDuration}", service, args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("{Service} storage answers again", service);
                    return default;
                },
            });
        if (attemptTimeout)
        {
            pipeline.AddTimeout(options.AttemptTimeout);
        }
        var handler = new ResilienceHandler(pipeline.Build())
        {
            InnerHandler = new SocketsHttpHandler { ConnectTimeout = options.AttemptTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        // The SDK sets its own per-try timeouts; the client's must not cut a long transfer short.
        return new HttpClientTransport(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });
    }
}
