using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>Mobility helpers shared by the registry and participant tests.</summary>
public static class MobilityRequests
{
    public static JsonObject Input(string? sendingOrganisationId, string hostOrganisationId, DateOnly start, int days = 5, string language = "it", string? email = null) => new()
    {
        ["participantName"] = "Giulia Sanna",
        ["participantEmail"] = email ?? Unique.Email("participant"),
        ["language"] = language,
        ["profession"] = "Social worker",
        ["sendingOrganisationId"] = sendingOrganisationId,
        ["hostOrganisationId"] = hostOrganisationId,
        ["startDate"] = start.ToString("yyyy-MM-dd"),
        ["endDate"] = start.AddDays(days - 1).ToString("yyyy-MM-dd"),
        ["hostAddress"] = "Rådhusgata 1, Holmestrand",
        ["hostContactName"] = "Kari Nilsen",
        ["hostContactEmail"] = "kari@example.org",
        ["programme"] = "Monday: welcome.\nTuesday: family mediation.",
    };

    /// <summary>What a sending partner sends: the participant and the visit, without the host's details.</summary>
    public static JsonObject SendingInput(string hostOrganisationId, DateOnly start)
    {
        var input = Input(null, hostOrganisationId, start);
        foreach (var field in new[] { "hostAddress", "hostContactName", "hostContactEmail", "programme" })
        {
            input.Remove(field);
        }
        return input;
    }

    public static async Task<JsonElement> CreateAsync(HttpClient client, JsonObject input)
    {
        var response = await client.PostAsJsonAsync("/api/mobilities", input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.NotNull(response.Headers.ETag);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement[]> RemindersAsync(HttpClient coordinator, string mobilityId) =>
        (await coordinator.GetFromJsonAsync<JsonElement>($"/api/mobilities/{mobilityId}/reminders")).EnumerateArray().ToArray();

    public static string S(this JsonElement e, string property) => e.GetProperty(property).GetString()!;
}

public sealed class MobilityTests(RegistryFactory factory) : IClassFixture<RegistryFactory>
{
    private DateOnly Today => factory.Today;

    private async Task<(HttpClient Coordinator, string Sending, string Host)> SetUpAsync()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var sending = await factory.CreateOrganisationAsync(coordinator, country: "IT");
        var host = await factory.CreateOrganisationAsync(coordinator, country: "NO");
        return (coordinator, sending.Id, host.Id);
    }

    [Fact]
    public async Task A_coordinator_registers_a_visit_and_its_five_reminders_go_out_at_eight_in_the_participants_home_country()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        var input = MobilityRequests.Input(sending, host, Today.AddDays(60));

        var created = await MobilityRequests.CreateAsync(coordinator, input);

        Assert.Equal("IT", created.S("homeCountry")); // defaults to the sending organisation's country
        Assert.Equal("Europe/Rome", created.S("homeTimeZone"));
        Assert.Equal("planned", created.S("status"));
        Assert.Equal(5, created.GetProperty("days").GetInt32());
        var reminders = await MobilityRequests.RemindersAsync(coordinator, created.S("id"));
        Assert.Equal(["prepare", "soon", "essay-request", "essay-reminder", "essay-last"], reminders.Select(r => r.S("kind")));
        Assert.All(reminders, r => Assert.Equal("pending", r.S("status")));
        var rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
        Assert.All(reminders, r => Assert.Equal(new TimeSpan(8, 0, 0), TimeZoneInfo.ConvertTime(r.GetProperty("dueAt").GetDateTimeOffset(), rome).TimeOfDay));
        Assert.Equal(Today.AddDays(46), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(reminders[0].GetProperty("dueAt").GetDateTimeOffset(), rome).DateTime));

        var soon = await coordinator.GetFromJsonAsync<JsonElement>("/api/reminders/upcoming");
        Assert.DoesNotContain(soon.EnumerateArray(), r => r.S("mobilityId") == created.S("id"));
        var later = await coordinator.GetFromJsonAsync<JsonElement>("/api/reminders/upcoming?days=90");
        var preview = later.EnumerateArray().Where(r => r.S("mobilityId") == created.S("id")).ToList();
        Assert.Equal(5, preview.Count);
        Assert.Equal("prepare", preview[0].S("kind"));
        Assert.Equal("Giulia Sanna", preview[0].S("participantName"));
    }

    [Fact]
    public async Task Bad_input_names_every_field_at_fault_and_stores_nothing()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        var input = MobilityRequests.Input(sending, "no-such-organisation", Today.AddDays(30));
        input["participantEmail"] = "not-an-address";
        input["language"] = "xx";
        input["endDate"] = Today.AddDays(29).ToString("yyyy-MM-dd");
        input["homeCountry"] = "ZZ";
        input["status"] = "lost";
        input["participantName"] = "";
        await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/mobilities", input),
            "participantEmail", "language", "endDate", "hostOrganisationId", "homeCountry", "status", "participantName");

        var tooLong = MobilityRequests.Input(sending, host, Today.AddDays(30), days: 31);
        await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/mobilities", tooLong), "endDate");
        Assert.Equal(201, (int)(await coordinator.PostAsJsonAsync("/api/mobilities", MobilityRequests.Input(sending, host, Today.AddDays(30), days: 30))).StatusCode);

        await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/mobilities", MobilityRequests.Input(sending, sending, Today.AddDays(30))), "hostOrganisationId");
        await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/mobilities", MobilityRequests.Input("xx-unknown", host, Today.AddDays(30))), "sendingOrganisationId");
        await Problem.AssertFieldsAsync(await coordinator.PostAsync("/api/mobilities", Problem.Json("""{"startDate":"2026-13-01"}""")), "startDate");
        await Problem.AssertFieldsAsync(await coordinator.PostAsync("/api/mobilities", Problem.Json("""{"surprise":1}""")), "surprise");

        var list = await coordinator.GetFromJsonAsync<JsonElement>($"/api/mobilities?organisationId={sending}");
        Assert.Single(list.EnumerateArray());
    }

    [Fact]
    public async Task A_partner_registers_their_own_participants_reads_who_is_coming_and_sees_nothing_else()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        var other = (await factory.CreateOrganisationAsync(coordinator, country: "FI")).Id;
        var sender = await factory.SignInAsPartnerAsync(coordinator, sending);
        var hostEditor = await factory.SignInAsPartnerAsync(coordinator, host);
        var outsider = await factory.SignInAsPartnerAsync(coordinator, other);

        var created = await MobilityRequests.CreateAsync(sender, MobilityRequests.SendingInput(host, Today.AddDays(40)));
        var id = created.S("id");
        Assert.Equal(sending, created.S("sendingOrganisationId"));
        Assert.Equal("outgoing", created.S("direction"));
        await Problem.AssertAsync(await sender.PostAsJsonAsync("/api/mobilities", MobilityRequests.Input(other, host, Today.AddDays(40))), HttpStatusCode.Forbidden);

        var incoming = await hostEditor.GetFromJsonAsync<JsonElement>("/api/mobilities?direction=incoming");
        var item = Assert.Single(incoming.EnumerateArray());
        Assert.Equal((id, "incoming", false), (item.S("id"), item.S("direction"), item.GetProperty("canEdit").GetBoolean()));
        Assert.Empty((await hostEditor.GetFromJsonAsync<JsonElement>("/api/mobilities?direction=outgoing")).EnumerateArray());
        var read = await hostEditor.GetFromJsonAsync<JsonElement>($"/api/mobilities/{id}");
        Assert.False(read.GetProperty("canEdit").GetBoolean());
        await Problem.AssertAsync(await Practices.SendAsync(hostEditor, HttpMethod.Put, $"/api/mobilities/{id}", read.S("etag"), MobilityRequests.SendingInput(host, Today.AddDays(41))), HttpStatusCode.Forbidden);

        var hostsView = await coordinator.GetFromJsonAsync<JsonElement>($"/api/mobilities?organisationId={host}&direction=incoming");
        Assert.Equal((id, "incoming", true), hostsView.EnumerateArray().Select(m => (m.S("id"), m.S("direction"), m.GetProperty("canEdit").GetBoolean())).Single());
        await Problem.AssertFieldsAsync(await coordinator.GetAsync("/api/mobilities?direction=incoming"), "direction");

        await Problem.AssertAsync(await outsider.GetAsync($"/api/mobilities/{id}"), HttpStatusCode.Forbidden);
        Assert.Empty((await outsider.GetFromJsonAsync<JsonElement>("/api/mobilities")).EnumerateArray());
        await Problem.AssertAsync(await outsider.GetAsync($"/api/mobilities?organisationId={sending}"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await outsider.GetAsync($"/api/mobilities/{id}/reminders"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await sender.GetAsync($"/api/mobilities/{sending}.nosuchvisit"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await coordinator.GetAsync("/api/mobilities/not-an-id"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await factory.CreateClient().GetAsync("/api/mobilities"), HttpStatusCode.Unauthorized);

        var edited = await Practices.OkAsync(await Practices.SendAsync(sender, HttpMethod.Put, $"/api/mobilities/{id}", created.S("etag"), MobilityRequests.SendingInput(host, Today.AddDays(41))));
        Assert.Equal(2, edited.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task The_host_organisation_fills_in_its_details_the_sending_one_the_participant_and_both_read_everything()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        var sender = await factory.SignInAsPartnerAsync(coordinator, sending);
        var hostEditor = await factory.SignInAsPartnerAsync(coordinator, host);
        var outsider = await factory.SignInAsPartnerAsync(coordinator, (await factory.CreateOrganisationAsync(coordinator, country: "FI")).Id);

        await Problem.AssertFieldsAsync(await sender.PostAsJsonAsync("/api/mobilities", MobilityRequests.Input(null, host, Today.AddDays(40))),
            "hostAddress", "hostContactName", "hostContactEmail", "programme");
        var created = await MobilityRequests.CreateAsync(sender, MobilityRequests.SendingInput(host, Today.AddDays(40)));
        var id = created.S("id");
        Assert.Equal((true, false), (created.GetProperty("canEdit").GetBoolean(), created.GetProperty("canEditHost").GetBoolean()));

        var details = new { hostAddress = "Rådhusgata 1, Holmestrand", hostContactName = "Kari Nilsen", hostContactEmail = "kari@example.org", hostContactPhone = "+47 33 00 00 00", programme = "Monday: welcome." };
        var asHost = await hostEditor.GetFromJsonAsync<JsonElement>($"/api/mobilities/{id}");
        Assert.Equal((false, true, "Giulia Sanna"), (asHost.GetProperty("canEdit").GetBoolean(), asHost.GetProperty("canEditHost").GetBoolean(), asHost.S("participantName")));
        await Problem.AssertAsync(await hostEditor.PutAsJsonAsync($"/api/mobilities/{id}/host", details), HttpStatusCode.PreconditionRequired);
        await Problem.AssertFieldsAsync(await Practices.SendAsync(hostEditor, HttpMethod.Put, $"/api/mobilities/{id}/host", asHost.S("etag"), new { hostContactEmail = "nobody" }), "hostContactEmail");
        var filled = await Practices.OkAsync(await Practices.SendAsync(hostEditor, HttpMethod.Put, $"/api/mobilities/{id}/host", asHost.S("etag"), details));
        Assert.Equal(("Kari Nilsen", "Monday: welcome.", 2), (filled.S("hostContactName"), filled.S("programme"), filled.GetProperty("revision").GetInt32()));
        await Problem.AssertAsync(await Practices.SendAsync(sender, HttpMethod.Put, $"/api/mobilities/{id}/host", filled.S("etag"), details), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await Practices.SendAsync(outsider, HttpMethod.Put, $"/api/mobilities/{id}/host", filled.S("etag"), details), HttpStatusCode.Forbidden);

        // The sending partner reads the host's details; resending them unchanged is fine, changing them is not.
        var asSender = await sender.GetFromJsonAsync<JsonElement>($"/api/mobilities/{id}");
        Assert.Equal("Rådhusgata 1, Holmestrand", asSender.S("hostAddress"));
        var echo = MobilityRequests.SendingInput(host, Today.AddDays(42));
        echo["hostAddress"] = "Rådhusgata 1, Holmestrand";
        var moved = await Practices.OkAsync(await Practices.SendAsync(sender, HttpMethod.Put, $"/api/mobilities/{id}", asSender.S("etag"), echo));
        Assert.Equal(("Kari Nilsen", "Monday: welcome."), (moved.S("hostContactName"), moved.S("programme")));
        echo["programme"] = "Something else";
        await Problem.AssertFieldsAsync(await Practices.SendAsync(sender, HttpMethod.Put, $"/api/mobilities/{id}", moved.S("etag"), echo), "programme");

        // The reminders carry what the host wrote; a coordinator may change it too.
        var due = await factory.Get<Exchange.Reminders.ReminderStore>().ListForMobilityAsync(id, default);
        Assert.All(due.Where(r => r.Status == Exchange.Reminders.ReminderStatus.Pending), r => Assert.Equal("Kari Nilsen", r.Snapshot.ContactName));
        var byCoordinator = await Practices.OkAsync(await Practices.SendAsync(coordinator, HttpMethod.Put, $"/api/mobilities/{id}/host", moved.S("etag"), details with { programme = "Tuesday: visit." }));
        Assert.Equal("Tuesday: visit.", byCoordinator.S("programme"));
    }

    [Fact]
    public async Task Edits_need_the_current_etag_and_two_editors_at_once_do_not_overwrite_each_other()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        var created = await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(sending, host, Today.AddDays(50)));
        var url = $"/api/mobilities/{created.S("id")}";

        var noEtag = await coordinator.PutAsJsonAsync(url, MobilityRequests.Input(sending, host, Today.AddDays(51)));
        await Problem.AssertAsync(noEtag, HttpStatusCode.PreconditionRequired);

        var responses = await Task.WhenAll(
            Practices.SendAsync(coordinator, HttpMethod.Put, url, created.S("etag"), MobilityRequests.Input(sending, host, Today.AddDays(52))),
            Practices.SendAsync(coordinator, HttpMethod.Put, url, created.S("etag"), MobilityRequests.Input(sending, host, Today.AddDays(53))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        await Problem.AssertAsync(responses.Single(r => r.StatusCode != HttpStatusCode.OK), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await Practices.SendAsync(coordinator, HttpMethod.Put, url, created.S("etag"), MobilityRequests.Input(sending, host, Today.AddDays(54))), HttpStatusCode.Conflict);

        var current = await coordinator.GetFromJsonAsync<JsonElement>(url);
        var move = MobilityRequests.Input((await factory.CreateOrganisationAsync(coordinator, country: "SE")).Id, host, Today.AddDays(55));
        await Problem.AssertFieldsAsync(await Practices.SendAsync(coordinator, HttpMethod.Put, url, current.S("etag"), move), "sendingOrganisationId");
    }

    [Fact]
    public async Task New_dates_reschedule_the_pending_reminders_and_cancelling_the_visit_cancels_them()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        var created = await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(sending, host, Today.AddDays(40)));
        var id = created.S("id");

        var moved = await Practices.OkAsync(await Practices.SendAsync(coordinator, HttpMethod.Put, $"/api/mobilities/{id}", created.S("etag"), MobilityRequests.Input(sending, host, Today.AddDays(47))));
        var reminders = await MobilityRequests.RemindersAsync(coordinator, id);
        Assert.Equal(5, reminders.Count(r => r.S("status") == "cancelled" && r.S("reason") == "rescheduled"));
        Assert.Equal(5, reminders.Count(r => r.S("status") == "pending"));

        var cancel = MobilityRequests.Input(sending, host, Today.AddDays(47));
        cancel["status"] = "cancelled";
        await Practices.OkAsync(await Practices.SendAsync(coordinator, HttpMethod.Put, $"/api/mobilities/{id}", moved.S("etag"), cancel));
        reminders = await MobilityRequests.RemindersAsync(coordinator, id);
        Assert.DoesNotContain(reminders, r => r.S("status") == "pending");
        Assert.Equal(5, reminders.Count(r => r.S("reason") == "mobility-cancelled"));
        var upcoming = await coordinator.GetFromJsonAsync<JsonElement>("/api/reminders/upcoming?days=90");
        Assert.DoesNotContain(upcoming.EnumerateArray(), r => r.S("mobilityId") == id);
        await Problem.AssertFieldsAsync(await coordinator.GetAsync("/api/reminders/upcoming?days=500"), "days");
    }

    [Fact]
    public async Task The_quota_counts_visits_that_happened_as_hosted_and_keeps_future_ones_apart_as_planned()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(sending, host, Today.AddDays(20)));
        var confirmedAhead = MobilityRequests.Input(sending, host, Today.AddDays(30));
        confirmedAhead["status"] = "confirmed";
        await MobilityRequests.CreateAsync(coordinator, confirmedAhead);
        var confirmedOver = MobilityRequests.Input(sending, host, Today.AddDays(-10));
        confirmedOver["status"] = "confirmed";
        await MobilityRequests.CreateAsync(coordinator, confirmedOver);
        var completed = MobilityRequests.Input(sending, host, Today.AddDays(-40));
        completed["status"] = "completed";
        await MobilityRequests.CreateAsync(coordinator, completed);
        var cancelled = MobilityRequests.Input(sending, host, Today.AddDays(40));
        cancelled["status"] = "cancelled";
        await MobilityRequests.CreateAsync(coordinator, cancelled);
        await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(host, sending, Today.AddDays(20)));

        var partner = await factory.SignInAsPartnerAsync(coordinator, sending);
        var quota = await partner.GetFromJsonAsync<JsonElement>("/api/mobilities/quota");

        Assert.Equal(6, quota.GetProperty("hostTarget").GetInt32());
        var hosting = quota.GetProperty("hosts").EnumerateArray().Single(h => h.S("organisationId") == host);
        Assert.Equal((2, 2, 6, 2), (hosting.GetProperty("hosted").GetInt32(), hosting.GetProperty("planned").GetInt32(),
            hosting.GetProperty("target").GetInt32(), hosting.GetProperty("remaining").GetInt32()));
        var sender = quota.GetProperty("senders").EnumerateArray().Single(h => h.S("organisationId") == sending);
        Assert.Equal((2, 2), (sender.GetProperty("sent").GetInt32(), sender.GetProperty("planned").GetInt32()));
        var other = quota.GetProperty("hosts").EnumerateArray().Single(h => h.S("organisationId") == sending);
        Assert.Equal((0, 1), (other.GetProperty("hosted").GetInt32(), other.GetProperty("planned").GetInt32()));
    }
}
