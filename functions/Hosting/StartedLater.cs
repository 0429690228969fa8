namespace Exchange.Hosting;

public static class StartedLaterExtensions
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as a singleton that is built and started only once the
    /// server is listening. The host builds every hosted service before it opens the port, and
    /// building these means building the storage and mail clients behind them: start-up time
    /// that the Functions host's first request would otherwise wait for.
    /// </summary>
    public static IServiceCollection AddHostedServiceAfterStart<T>(this IServiceCollection services) where T : BackgroundService
    {
        services.AddSingleton<T>();
        services.AddSingleton<IHostedService>(sp => new StartedLater(typeof(T), sp, sp.GetRequiredService<IHostApplicationLifetime>()));
        return services;
    }
}

/// <summary>
/// Runs a background service from the moment the application has started, and stops it with
/// the host. A service whose registration was removed (tests do this) is not run.
/// </summary>
public sealed class StartedLater(Type serviceType, IServiceProvider services, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        if (services.GetService(serviceType) is not BackgroundService service)
        {
            return;
        }
        await service.StartAsync(stoppingToken);
        try
        {
            // The service's own failure surfaces here, so the host treats it as it would the service's.
            await (service.ExecuteTask ?? Task.CompletedTask).WaitAsync(stoppingToken);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }
}

public static class LifetimeExtensions
{
    public static Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        if (lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(ct);
    }
}
