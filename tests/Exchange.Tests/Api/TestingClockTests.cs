using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Reminders;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Exchange.Tests.Api;

/// <summary>The app with the test-only clock switched on, in a given environment, on an Azurite of its own.</summary>
public sealed class ClockControlFactory(string environment) : ExchangeFactory(Infrastructure.Azurite.StartIsolatedAsync().GetAwaiter().GetResult())
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Testing:ClockControl"] = "true" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
    }
}

public sealed class TestingClockTests
{
    [Fact]
    public async Task A_test_can_move_the_clock_and_run_the_reminder_timer_so_a_due_reminder_reaches_the_outbox()
    {
        await using var factory = new ClockControlFactory("Testing");
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var sending = await factory.CreateOrganisationAsync(coordinator, country: "IT");
        var host = await factory.CreateOrganisationAsync(coordinator, country: "SE");
        var email = Unique.Email("participant");
        await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(sending.Id, host.Id, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20), email: email));
        var client = factory.CreateClient();

        var before = await client.GetFromJsonAsync<JsonElement>("/api/testing/clock");
        var moved = await client.PostAsJsonAsync("/api/testing/clock/advance", new { days = 7 });
        var after = await Practices.OkAsync(moved);
        Assert.InRange(after.GetProperty("now").GetDateTimeOffset() - before.GetProperty("now").GetDateTimeOffset(), TimeSpan.FromDays(7), TimeSpan.FromDays(7.01));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/testing/timers/SendReminders", null)).StatusCode);

        var mail = await Mail.FindAsync(factory.Azurite, email, m => m.Category == ReminderMails.Category);
        Assert.NotNull(mail);
        await Problem.AssertAsync(await client.PostAsync("/api/testing/timers/NoSuchTimer", null), HttpStatusCode.NotFound);
        await Problem.AssertFieldsAsync(await client.PostAsJsonAsync("/api/testing/clock/advance", new { days = -1 }), "days");
    }

    [Fact]
    public async Task The_test_clock_cannot_be_switched_on_in_production()
    {
        await using var factory = new ClockControlFactory("Production");
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/testing/clock/advance", new { days = 7 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/testing/timers/SendReminders", null)).StatusCode);
    }

    [Fact]
    public async Task The_local_scheduler_sends_a_reminder_when_its_quarter_hour_comes()
    {
        // 06:55 UTC on Monday 16 March 2026: the preparation mail of a visit starting on 30 March in Italy is due at 07:00.
        await using var app = new ReminderFactory(new DateTimeOffset(2026, 3, 16, 6, 55, 0, TimeSpan.Zero), localScheduler: true);
        var email = Unique.Email("participant");
        await app.RegisterAsync(await app.OrganisationAsync("IT"), await app.OrganisationAsync("IS"), new DateOnly(2026, 3, 30), email: email);

        for (var minute = 0; minute < 4; minute++)
        {
            await Task.Delay(15);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Null(await Mail.FindAsync(app.Azurite, email, wait: TimeSpan.FromMilliseconds(300)));

        for (var minute = 0; minute < 2; minute++)
        {
            await Task.Delay(15);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var mail = await Mail.FindAsync(app.Azurite, email, m => m.Category == ReminderMails.Category);
        Assert.NotNull(mail);
        Assert.StartsWith("Your visit to", mail.Subject, StringComparison.Ordinal);
    }
}
