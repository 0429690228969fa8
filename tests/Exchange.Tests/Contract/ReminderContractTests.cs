using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Reminders;
using Exchange.Tests.Api;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Contract;

/// <summary>
/// The published app in hosted mode on an Azurite of its own (nothing else may send its reminders),
/// with the test clock asked for: hosted mode must refuse it.
/// </summary>
public sealed class HostedRemindersFixture : IAsyncLifetime
{
    public const string Coordinator = "coordinator@reminders.contract.test";

    public Azurite Azurite { get; private set; } = null!;
    public ChildProcess Process { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartIsolatedAsync();
        (Process, Client) = await PublishedApp.StartHostedAsync(Azurite, new Dictionary<string, string>
        {
            ["Accounts__CoordinatorEmails__0"] = Coordinator,
            ["Testing__ClockControl"] = "true",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

public sealed class ReminderContractTests(HostedRemindersFixture app) : IClassFixture<HostedRemindersFixture>
{
    private const string TimerPayload = """
    {
      "Data": { "timer": { "Schedule": { "AdjustForDST": true }, "ScheduleStatus": { "Last": "2026-11-23T10:00:00+00:00", "Next": "2026-11-23T10:15:00+00:00" }, "IsPastDue": false } },
      "Metadata": { "sys": { "MethodName": "SendReminders", "UtcNow": "2026-11-23T10:15:00.01Z" } }
    }
    """;

    private async Task<HttpClient> SignInAsync()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = app.Client.BaseAddress };
        client.DefaultRequestHeaders.Add("Origin", app.Client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { email = HostedRemindersFixture.Coordinator })).EnsureSuccessStatusCode();
        var mail = await Mail.FindAsync(app.Azurite, HostedRemindersFixture.Coordinator, m => m.Category == "sign-in", TimeSpan.FromSeconds(15));
        Assert.NotNull(mail);
        (await client.PostAsJsonAsync("/api/auth/complete", new { token = Mail.TokenIn(mail) })).EnsureSuccessStatusCode();
        return client;
    }

    [Fact]
    public async Task The_host_invoking_SendReminders_sends_the_due_reminder_once_at_eight_in_the_participants_home_country()
    {
        var coordinator = await SignInAsync();
        var organisations = new List<string>();
        foreach (var country in new[] { "IT", "FI" })
        {
            var created = await coordinator.PostAsJsonAsync("/api/organisations", new { name = Unique.Name("Centro"), country, city = "Città", kind = "family-centre" });
            created.EnsureSuccessStatusCode();
            organisations.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        var email = Unique.Email("participant");
        var mobility = await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(organisations[0], organisations[1], DateOnly.FromDateTime(DateTime.UtcNow).AddDays(4), email: email));

        for (var run = 0; run < 2; run++)
        {
            var response = await app.Client.PostAsync("/SendReminders", new StringContent(TimerPayload, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal(JsonValueKind.Object, body["Outputs"]!.GetValueKind());
            Assert.Equal(JsonValueKind.Array, body["Logs"]!.GetValueKind());
            Assert.Null(body["ReturnValue"]);
        }

        var mail = await Mail.FindAsync(app.Azurite, email, m => m.Category == ReminderMails.Category);
        Assert.NotNull(mail);
        Assert.Equal(1, await Mail.CountAsync(app.Azurite, email));
        var reminders = await MobilityRequests.RemindersAsync(coordinator, mobility.GetProperty("id").GetString()!);
        var prepare = reminders.Single(r => r.S("kind") == "prepare");
        Assert.Equal("sent", prepare.S("status"));
        // Time zones come from the system's tz data even in the self-contained, invariant-globalization build.
        var rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
        Assert.All(reminders, r => Assert.Equal(new TimeSpan(8, 0, 0), TimeZoneInfo.ConvertTime(r.GetProperty("dueAt").GetDateTimeOffset(), rome).TimeOfDay));
    }

    [Fact]
    public async Task Hosted_mode_has_no_test_clock_whatever_the_configuration_says()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.PostAsync("/api/testing/clock/advance", new StringContent("{\"days\":1}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.PostAsync("/api/testing/timers/SendReminders", null)).StatusCode);
    }
}
