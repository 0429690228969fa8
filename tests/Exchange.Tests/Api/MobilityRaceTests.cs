using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Mobilities;
using Exchange.Reminders;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Api;

/// <summary>Many editors at once on one mobility: every answer is a success or a conflict, and the reminders end up following the last saved version.</summary>
public sealed class MobilityRaceTests(RegistryFactory factory) : IClassFixture<RegistryFactory>
{
    private const int Clients = 30;
    private const int EditsPerClient = 4;

    [Fact]
    public async Task Thirty_editors_at_once_get_200_or_409_never_a_5xx_and_the_reminders_follow_the_last_saved_version()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var sending = await factory.CreateOrganisationAsync(coordinator, country: "IT");
        var host = await factory.CreateOrganisationAsync(coordinator, country: "NO");
        var created = await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(sending.Id, host.Id, factory.Today.AddDays(60)));
        var url = $"/api/mobilities/{created.S("id")}";

        var statuses = new ConcurrentBag<HttpStatusCode>();
        var saved = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            var random = new Random(client);
            for (var edit = 0; edit < EditsPerClient; edit++)
            {
                var current = await coordinator.GetFromJsonAsync<JsonElement>(url);
                var input = MobilityRequests.Input(sending.Id, host.Id, factory.Today.AddDays(random.Next(30, 120)), days: random.Next(1, 6));
                input["participantEmail"] = current.S("participantEmail");
                input["status"] = random.Next(5) == 0 ? "cancelled" : "confirmed";
                var response = await Practices.SendAsync(coordinator, HttpMethod.Put, url, current.S("etag"), input);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref saved);
                }
                else
                {
                    await Problem.AssertAsync(response, response.StatusCode);
                }
            }
        }));

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed, $"answered {(int)s}"));
        Assert.True(saved > 0);

        var last = (await factory.Get<MobilityStore>().GetAsync(created.S("id"), default))!;
        Assert.Equal(1 + saved, last.Revision);
        var reminders = await factory.RemindersOfAsync(last.Id);
        var now = factory.Clock.GetUtcNow();
        var wanted = ReminderPlanner.Desired(last, factory.Get<IOptions<RemindersOptions>>().Value).Where(p => p.Deadline > now).ToList();
        var pending = reminders.Where(r => r.Status == ReminderStatus.Pending).ToList();
        Assert.Equal(wanted.Select(p => (p.Id, p.DueAt)).Order(), pending.Select(r => (r.Id, r.DueAt)).Order());
        Assert.All(pending, r => Assert.Equal(last.Revision, r.Snapshot.Revision));

        // Every pending reminder, and nothing else, waits in the due slots with the record's current ETag.
        var upcoming = (await factory.Get<ReminderStore>().ReadUpcomingAsync("999999999999", 10_000, default)).Where(r => r.MobilityId == last.Id).ToList();
        Assert.Equal(pending.Select(r => (r.Id, r.Slot, r.ETag)).Order(), upcoming.Select(r => (r.Id, r.Slot, r.ETag)).Order());

        // Every request brought the reminders in line itself, so no note is left for the timer.
        Assert.DoesNotContain(await factory.Get<ReminderStore>().ListSyncNotesAsync(default), n => n.MobilityId == last.Id);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/health")).StatusCode);
    }
}
