namespace Exchange.Hosting;

/// <summary>
/// Standalone mode has no Functions host, so this runs the same timer functions on the same
/// NCRONTAB schedules (UTC). Hosted mode does not register it.
/// </summary>
public sealed class LocalTimerScheduler(IEnumerable<TimerDefinition> definitions, TimerInvoker invoker, TimeProvider time, ILogger<LocalTimerScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(definitions.Select(d => RunForeverAsync(d, stoppingToken)));

    private async Task RunForeverAsync(TimerDefinition definition, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(definition.ParsedSchedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, time, ct);
                await invoker.InvokeAsync(definition, new TimerRun(next, time.GetUtcNow() - next > TimeSpan.FromMinutes(1), "local-scheduler"), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Timer {Function} failed; it runs again at its next occurrence", definition.Name);
            }
        }
    }
}
