using Azure.Data.Tables;
using Exchange.Hosting;
using Exchange.Mobilities;
using Exchange.Organisations;
using Exchange.Reminders;
using Exchange.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// The app on an Azurite of its own with a fake clock, for tests that run the reminder timer:
/// a run reads every due reminder in the account, so these tests must not share it. Sets up
/// organisations and mobilities in-process, through the same stores and scheduler the API uses.
/// </summary>
public class ReminderFactory : ExchangeFactory
{
    private readonly IDictionary<string, string?> _settings;
    private readonly bool _localScheduler;

    /// <param name="localScheduler">
    /// Keep the standalone scheduler, which runs the timer whenever the fake clock crosses a
    /// quarter hour, concurrently with the test's own runs. Off by default, so a test's runs are the only ones.
    /// </param>
    public ReminderFactory(DateTimeOffset start, IDictionary<string, string?>? settings = null, FakeSendGrid? sendGrid = null, bool localScheduler = false)
        : base(Infrastructure.Azurite.StartIsolatedAsync().GetAwaiter().GetResult())
    {
        _localScheduler = localScheduler;
        Clock = new FakeTimeProvider(start);
        Time = Clock;
        _settings = settings ?? new Dictionary<string, string?>();
        if (sendGrid is not null)
        {
            _settings["Email:SendGridApiKey"] = "SG.fake-key";
            _settings["Email:SendGridHost"] = sendGrid.BaseUrl;
            _settings["Email:SendGridTimeout"] = "00:00:01";
        }
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Counts the entities the app reads from storage.</summary>
    public EntityCounter Reads { get; } = new();

    protected override IDictionary<string, string?> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(Reads, Azure.Core.HttpPipelinePosition.PerCall);
            services.AddSingleton(new TableServiceClient(Azurite.ConnectionString, options));
            if (!_localScheduler)
            {
                foreach (var scheduler in services.Where(d => d.ServiceType == typeof(LocalTimerScheduler)).ToList())
                {
                    services.Remove(scheduler);
                }
            }
        });
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<Organisation> OrganisationAsync(string country, string? name = null)
    {
        var (_, organisation) = await Get<OrganisationStore>().CreateAsync(
            new OrganisationFields(name ?? Unique.Name("Centro"), country, "City", "family-centre", null, ""), default);
        return organisation!;
    }

    public async Task<Mobility> RegisterAsync(Organisation sending, Organisation host, DateOnly start, int days = 5, string? country = null, string language = "en", string? email = null)
    {
        var now = Clock.GetUtcNow();
        var mobility = new Mobility(MobilityStore.NewId(sending.Id), sending.Id, host.Id, Unique.Name("Participant"), email ?? Unique.Email("participant"), language,
            "Social worker", country ?? sending.Country, start, start.AddDays(days - 1), MobilityStatus.Confirmed,
            new HostDetails("Via Roma 1", "Maria Rossi", "maria@example.org", null, "Monday: welcome"), false, null, null, 1, now, "test", now, "test", "");
        var created = await Get<MobilityStore>().CreateAsync(mobility, default);
        await Get<ReminderScheduler>().SyncAsync(created.Id, default);
        return created;
    }

    public Task<ReminderRunResult> RunAsync() => Get<ReminderSender>().RunAsync(default);

    public Task<IReadOnlyList<ReminderRecord>> RemindersOfAsync(string mobilityId) => Get<ReminderStore>().ListForMobilityAsync(mobilityId, default);

    public async Task<int> DueEntriesAsync()
    {
        return await Azurite.Tables.GetTableClient(StorageNames.RemindersTable).QueryAsync<TableEntity>(select: ["PartitionKey"]).CountAsync();
    }

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
}

/// <summary>A class fixture for API tests of the registry: its own Azurite, the clock starting now and moving only when a test moves it.</summary>
public sealed class RegistryFactory() : ReminderFactory(DateTimeOffset.UtcNow);
