using Exchange.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Hosting;

public sealed class TestingOptions
{
    public const string Section = "Testing";

    /// <summary>
    /// Lets a browser test move the app's clock forward and run a timer at once. Honoured only
    /// standalone (never under the Functions host) and in an environment other than Production.
    /// </summary>
    public bool ClockControl { get; set; }
}

/// <summary>A clock that runs with the system clock plus an offset that tests can only increase.</summary>
public sealed class AdjustableClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

public sealed record ClockAdvanceInput(int? Days, int? Hours, int? Minutes);

public sealed record ClockState(DateTimeOffset Now, TimeSpan Offset);

public sealed record TimerRunReport(string Name, DateTimeOffset RanAt);

/// <summary>
/// The test-only clock: <c>POST /api/testing/clock/advance</c> and <c>POST /api/testing/timers/{name}</c>.
/// Three conditions must all hold, so production cannot switch it on by configuration alone:
/// <c>Testing:ClockControl</c> is true, the app is not hosted by the Functions host, and the
/// environment (<c>ASPNETCORE_ENVIRONMENT</c>) is not Production, the default when it is unset.
/// </summary>
public static class TestingClock
{
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetSection(TestingOptions.Section).Get<TestingOptions>()?.ClockControl == true &&
        !HostingOptions.IsHosted(configuration) &&
        !environment.IsProduction();

    public static void AddClock(WebApplicationBuilder builder)
    {
        if (IsEnabled(builder.Configuration, builder.Environment))
        {
            var clock = new AdjustableClock(TimeProvider.System);
            builder.Services.AddSingleton(clock);
            builder.Services.AddSingleton<TimeProvider>(clock);
        }
        else
        {
            builder.Services.AddSingleton(TimeProvider.System);
        }
    }

    public static WebApplication MapTestingClock(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration, app.Environment))
        {
            return app;
        }
        app.Logger.LogWarning("Test clock control is on: POST /api/testing/clock/advance moves the app's clock. Never use this in production.");
        var group = app.MapGroup("/api/testing").WithTags("Testing").ExcludeFromDescription();
        group.MapGet("/clock", (AdjustableClock clock) => TypedResults.Ok(new ClockState(clock.GetUtcNow(), clock.Offset)));
        group.MapPost("/clock/advance", AdvanceAsync);
        group.MapPost("/timers/{name}", RunTimerAsync).DisableRequestTimeout();
        return app;
    }

    public static async Task<Results<Ok<ClockState>, ProblemHttpResult>> AdvanceAsync(HttpRequest request, AdjustableClock clock, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<ClockAdvanceInput>(request, ct)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var by = TimeSpan.FromDays(input.Days ?? 0) + TimeSpan.FromHours(input.Hours ?? 0) + TimeSpan.FromMinutes(input.Minutes ?? 0);
        if (input.Days < 0 || input.Hours < 0 || input.Minutes < 0 || by <= TimeSpan.Zero || by > TimeSpan.FromDays(800))
        {
            return Problems.Validation(("days", "Move the clock forward by a positive amount of at most 800 days (days, hours, minutes)."));
        }
        clock.Advance(by);
        return TypedResults.Ok(new ClockState(clock.GetUtcNow(), clock.Offset));
    }

    public static async Task<Results<Ok<TimerRunReport>, ProblemHttpResult>> RunTimerAsync(
        string name, IEnumerable<TimerDefinition> timers, TimerInvoker invoker, AdjustableClock clock, CancellationToken ct)
    {
        if (timers.FirstOrDefault(t => t.Name == name) is not { } definition)
        {
            return Problems.NotFound("The timer function");
        }
        var now = clock.GetUtcNow();
        await invoker.InvokeAsync(definition, new TimerRun(now, false, "testing"), ct);
        return TypedResults.Ok(new TimerRunReport(name, now));
    }
}
