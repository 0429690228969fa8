using Exchange.Mobilities;
using Exchange.Organisations;
using Exchange.Reminders;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

public sealed class DemoMobilityTests
{
    [Fact]
    public async Task The_demo_has_an_upcoming_visit_and_a_finished_one_whose_essay_request_goes_out_at_the_next_run()
    {
        await using var app = new ReminderFactory(DateTimeOffset.UtcNow, new Dictionary<string, string?> { ["Site:SeedDemo"] = "true" });
        var store = app.Get<MobilityStore>();
        var upcomingId = Common.OrganisationScopedId.Compose(OrganisationStore.IdFor("IT", Demo.DemoPractices.OzieriOrganisation), "demovisit");
        var finishedId = Common.OrganisationScopedId.Compose(OrganisationStore.IdFor("SE", "Vänersborgs kommun"), "demoessay");
        // The demo content is written in the background once storage is ready: each mobility,
        // then its reminders, the finished visit last.
        for (var attempt = 0; attempt < 300 && !(await app.RemindersOfAsync(finishedId)).Any(r => r.Kind == ReminderKind.EssayRequest); attempt++)
        {
            await Task.Delay(100);
        }
        var upcoming = await store.GetAsync(upcomingId, default);
        var finished = await store.GetAsync(finishedId, default);
        Assert.NotNull(upcoming);
        Assert.NotNull(finished);
        Assert.True(upcoming.StartDate > app.Today.AddDays(14));
        Assert.All(await app.RemindersOfAsync(upcoming.Id), r => Assert.Equal(ReminderStatus.Pending, r.Status));

        await app.RunAsync();

        var mail = await Mail.FindAsync(app.Azurite, finished.ParticipantEmail, m => m.Category == ReminderMails.Category);
        Assert.NotNull(mail);
        Assert.StartsWith("Tell us about your visit to Universitatea Aurel Vlaicu din Arad", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(ReminderStatus.Sent, (await app.RemindersOfAsync(finished.Id)).Single(r => r.Kind == ReminderKind.EssayRequest).Status);
    }
}
