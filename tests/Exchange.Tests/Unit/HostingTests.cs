using System.Text;
using Exchange.Common;
using Exchange.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Unit;

public sealed class HostingTests
{
    private sealed class CountingTimer : ITimerFunction
    {
        public static int Runs;

        public Task RunAsync(TimerRun run, CancellationToken ct)
        {
            Interlocked.Increment(ref Runs);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_local_scheduler_runs_a_timer_at_each_occurrence_of_its_schedule()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 1, TimeSpan.Zero));
        var services = new ServiceCollection().AddLogging().AddTimerFunction<CountingTimer>("Counting", "0 */15 * * * *").BuildServiceProvider();
        var definitions = services.GetServices<TimerDefinition>().ToList();
        var invoker = new TimerInvoker(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<TimerInvoker>.Instance);
        using var scheduler = new LocalTimerScheduler(definitions, invoker, time, NullLogger<LocalTimerScheduler>.Instance);
        CountingTimer.Runs = 0;

        await scheduler.StartAsync(CancellationToken.None);
        // The scheduler starts on a background thread; step the clock a minute at a time, as real time would pass.
        await AdvanceMinutes(time, 14);
        Assert.Equal(0, CountingTimer.Runs);

        await AdvanceMinutes(time, 1);
        await WaitUntil(() => CountingTimer.Runs == 1);
        await AdvanceMinutes(time, 15);
        await WaitUntil(() => CountingTimer.Runs == 2);
        await scheduler.StopAsync(CancellationToken.None);
    }

    private static async Task AdvanceMinutes(FakeTimeProvider time, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            await Task.Delay(15);
            time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }

    [Fact]
    public async Task The_host_timer_payload_is_read_case_insensitively()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(
            """{"data":{"Timer":{"scheduleStatus":{"last":"2026-11-22T02:30:00+00:00","next":"2026-11-23T02:30:00+00:00"},"ISPASTDUE":true}},"metadata":{}}"""));
        var run = await CustomHandler.ReadTimerRunAsync(context.Request, TimeProvider.System, CancellationToken.None);
        Assert.True(run.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 2, 30, 0, TimeSpan.Zero), run.ScheduledFor);
    }

    [Fact]
    public async Task A_missing_timer_payload_still_runs()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream();
        var run = await CustomHandler.ReadTimerRunAsync(context.Request, TimeProvider.System, CancellationToken.None);
        Assert.False(run.IsPastDue);
    }

    [Fact]
    public void The_manifest_has_one_forwarding_http_function_and_one_folder_per_timer()
    {
        var manifest = FunctionManifest.Build([new TimerDefinition("PurgeExpiredTokens", "0 30 2 * * *", typeof(object))]);
        Assert.Equal(["PurgeExpiredTokens", "api"], manifest.Keys.ToArray());
        var http = manifest["api"]["bindings"]!.AsArray();
        Assert.Equal("{*path}", http[0]!["route"]!.GetValue<string>());
        Assert.Equal("anonymous", http[0]!["authLevel"]!.GetValue<string>());
        Assert.Equal("http", http[1]!["type"]!.GetValue<string>());
        Assert.Equal("0 30 2 * * *", manifest["PurgeExpiredTokens"]["bindings"]![0]!["schedule"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Città di Forlì", "citta-di-forli")]
    [InlineData("Sjúkrahúsið á Akureyri", "sjukrahusid-a-akureyri")]
    [InlineData("Vänersborgs kommun", "vanersborgs-kommun")]
    [InlineData("  --  ", "")]
    [InlineData("Straße Œuvre", "strasse-oeuvre")]
    public void Names_fold_to_readable_ascii_slugs(string name, string slug) =>
        Assert.Equal(slug, TextFolding.Slug(name, 80));

    [Theory]
    [InlineData("a@b.org", "a@b.org")]
    [InlineData("  Mixed.Case@Example.ORG ", "mixed.case@example.org")]
    [InlineData("no-at-sign", null)]
    [InlineData("x@nodot", null)]
    [InlineData("a@b.org\r\nBcc: c@d.org", null)]
    public void Email_addresses_are_normalised_or_refused(string input, string? expected) =>
        Assert.Equal(expected, EmailAddress.Normalise(input));
}

public sealed class StartedLaterTests
{
    private sealed class Record
    {
        public volatile bool ProbeBuilt;
        public bool ProbeBuiltWhenOthersStarted;
        public readonly TaskCompletionSource Ran = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Probe : Microsoft.Extensions.Hosting.BackgroundService
    {
        private readonly Record _record;

        public Probe(Record record)
        {
            _record = record;
            record.ProbeBuilt = true;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            _record.Ran.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            finally
            {
                _record.Stopped.TrySetResult();
            }
        }
    }

    /// <summary>An ordinary hosted service, started with the others before the application counts as started.</summary>
    private sealed class Witness(Record record) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            record.ProbeBuiltWhenOthersStarted = record.ProbeBuilt;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task A_service_started_after_start_is_built_only_once_the_application_has_started_and_stops_with_the_host()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<Record>();
        builder.Services.AddHostedServiceAfterStart<Probe>();
        builder.Services.AddHostedService<Witness>();
        using var host = builder.Build();
        var record = host.Services.GetRequiredService<Record>();

        await host.StartAsync();
        await record.Ran.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(record.ProbeBuiltWhenOthersStarted);

        await host.StopAsync();
        await record.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
