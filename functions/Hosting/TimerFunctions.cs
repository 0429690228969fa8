using NCrontab;

namespace Exchange.Hosting;

/// <summary>A timer function: its name and NCRONTAB schedule are written once, here in code.</summary>
public sealed record TimerDefinition(string Name, string Schedule, Type FunctionType)
{
    public CrontabSchedule ParsedSchedule { get; } = CrontabSchedule.Parse(Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
}

/// <summary>What the trigger said about this run.</summary>
public sealed record TimerRun(DateTimeOffset ScheduledFor, bool IsPastDue, string Source);

public interface ITimerFunction
{
    Task RunAsync(TimerRun run, CancellationToken ct);
}

public static class TimerFunctionServiceCollectionExtensions
{
    /// <summary>Registers a timer function. Schedules are 6-field NCRONTAB in UTC, as the Functions host reads them.</summary>
    public static IServiceCollection AddTimerFunction<TFunction>(this IServiceCollection services, string name, string schedule)
        where TFunction : class, ITimerFunction
    {
        services.AddSingleton(new TimerDefinition(name, schedule, typeof(TFunction)));
        services.AddScoped<TFunction>();
        return services;
    }
}

/// <summary>Runs one timer function in its own scope; shared by the host contract and the local scheduler.</summary>
public sealed class TimerInvoker(IServiceScopeFactory scopes, ILogger<TimerInvoker> logger)
{
    public async Task InvokeAsync(TimerDefinition definition, TimerRun run, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var function = (ITimerFunction)scope.ServiceProvider.GetRequiredService(definition.FunctionType);
        logger.LogInformation("Timer {Function} starting ({Source}, past due: {IsPastDue})", definition.Name, run.Source, run.IsPastDue);
        await function.RunAsync(run, ct);
        logger.LogInformation("Timer {Function} finished", definition.Name);
    }
}
