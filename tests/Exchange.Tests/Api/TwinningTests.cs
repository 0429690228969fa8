using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Reminders;
using Exchange.Tests.Infrastructure;
using Ical.Net;

namespace Exchange.Tests.Api;

/// <summary>Requests and bodies shared by the twinning tests.</summary>
public static class TwinningRequests
{
    public static JsonObject Twinning(string mentor, IEnumerable<string> learners, string service = "family-mediation", string title = "Family mediation: from Rimini to the learning centres") => new()
    {
        ["texts"] = new JsonArray(
            new JsonObject { ["language"] = "en", ["title"] = title, ["description"] = "The mentor centre shows how it runs family mediation." },
            new JsonObject { ["language"] = "it", ["title"] = "Mediazione familiare: da Rimini ai centri che imparano", ["description"] = "Il centro mentore mostra come lavora." }),
        ["service"] = service,
        ["mentorOrganisationId"] = mentor,
        ["learnerOrganisationIds"] = new JsonArray(learners.Select(l => (JsonNode)l).ToArray()),
        ["regions"] = new JsonArray("Emilia-Romagna", "Liguria", "Toscana", "Basilicata"),
        ["status"] = "running",
        ["phases"] = new JsonArray(
            new JsonObject { ["name"] = "Agreement with the regions", ["startDate"] = "2026-03-01", ["endDate"] = "2026-04-30", ["purpose"] = "Agree the steps.", ["done"] = true },
            new JsonObject { ["name"] = "Information-and-training meeting", ["startDate"] = "2026-06-27", ["endDate"] = "2026-06-28", ["purpose"] = "Meet in Rimini." }),
    };

    public static JsonObject InPerson(string host, DateOnly first, int days = 2, int? capacity = null, IEnumerable<string>? invited = null) => new()
    {
        ["format"] = "in-person",
        ["title"] = "Information-and-training meeting",
        ["agenda"] = "Day 1: how the service works.\nDay 2: visits and questions.",
        ["capacity"] = capacity,
        ["hostOrganisationId"] = host,
        ["address"] = "Via Dario Campana 64",
        ["city"] = "Rimini",
        ["firstDay"] = first.ToString("yyyy-MM-dd"),
        ["lastDay"] = first.AddDays(days - 1).ToString("yyyy-MM-dd"),
        ["invitedOrganisationIds"] = new JsonArray((invited ?? []).Select(i => (JsonNode)i).ToArray()),
    };

    public static JsonObject Online(DateTime localStart, string joinUrl = "https://meet.example.org/twinning-lab", bool isPublic = true) => new()
    {
        ["format"] = "online",
        ["title"] = "Thematic laboratory on first contacts",
        ["agenda"] = "Case discussion.",
        ["startsAt"] = localStart.ToString("yyyy-MM-dd'T'HH:mm"),
        ["timeZone"] = "Europe/Rome",
        ["durationMinutes"] = 90,
        ["joinUrl"] = joinUrl,
        ["isPublic"] = isPublic,
    };

    public static JsonObject Attendees(params string[] emails) => new()
    {
        ["attendees"] = new JsonArray(emails.Select((e, i) => (JsonNode)new JsonObject
        {
            ["name"] = $"Attendee {i + 1}",
            ["role"] = "Family mediator",
            ["email"] = e,
            ["language"] = i % 2 == 0 ? "it" : "en",
        }).ToArray()),
    };

    public static async Task<JsonElement> PostOkAsync(HttpClient client, string url, JsonObject body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.NotNull(response.Headers.ETag ?? (url.EndsWith("/registrations", StringComparison.Ordinal) ? new EntityTagHeaderValue("\"n/a\"") : null));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, JsonObject? body, string? etag)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }
        return await client.SendAsync(request);
    }
}

/// <summary>The twinning rules through the API, on a real Azurite of their own; the clock starts now and moves only when a test moves it.</summary>
public sealed class TwinningTests(TwinningTests.Factory factory) : IClassFixture<TwinningTests.Factory>
{
    public sealed class Factory() : ReminderFactory(DateTimeOffset.UtcNow);

    private DateOnly Soon => factory.Today.AddDays(30);

    private sealed record World(HttpClient Coordinator, string Mentor, string Learner1, string Learner2, string Outsider, HttpClient MentorEditor,
        HttpClient LearnerEditor, HttpClient OutsiderEditor, string TwinningId, string Etag);

    private async Task<World> SetUpAsync(string service = "family-mediation")
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var mentor = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Centro per le famiglie di Rimini"));
        var learner1 = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Centro per le famiglie di Genova"));
        var learner2 = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Centro per le famiglie di Potenza"));
        var outsider = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Centro per le famiglie di Torino"));
        var created = await coordinator.PostAsJsonAsync("/api/twinnings", TwinningRequests.Twinning(mentor.Id, [learner1.Id, learner2.Id], service));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var twinning = await created.Content.ReadFromJsonAsync<JsonElement>();
        return new World(coordinator, mentor.Id, learner1.Id, learner2.Id, outsider.Id,
            await factory.SignInAsPartnerAsync(coordinator, mentor.Id), await factory.SignInAsPartnerAsync(coordinator, learner1.Id),
            await factory.SignInAsPartnerAsync(coordinator, outsider.Id), twinning.GetProperty("id").GetString()!, created.Headers.ETag!.ToString());
    }

    private static async Task<(string Id, string Etag)> MeetingAsync(World w, JsonObject input)
    {
        var meeting = await TwinningRequests.PostOkAsync(w.Coordinator, $"/api/twinnings/{w.TwinningId}/meetings", input);
        return (meeting.GetProperty("id").GetString()!, meeting.GetProperty("etag").GetString()!);
    }

    [Fact]
    public async Task Visitors_list_twinnings_by_service_and_read_one_with_its_mentor_learners_and_phases()
    {
        var w = await SetUpAsync("orientation-information");
        var visitor = factory.CreateBrowserClient();

        var list = await visitor.GetFromJsonAsync<JsonElement>("/api/twinnings?service=orientation-information");
        var summary = Assert.Single(list.EnumerateArray(), t => t.GetProperty("id").GetString() == w.TwinningId);
        Assert.Equal("running", summary.GetProperty("status").GetString());
        Assert.Equal(w.Mentor, summary.GetProperty("mentor").GetProperty("id").GetString());
        Assert.Equal(2, summary.GetProperty("learners").GetArrayLength());
        var other = await visitor.GetFromJsonAsync<JsonElement>("/api/twinnings?service=family-mediation");
        Assert.DoesNotContain(other.EnumerateArray(), t => t.GetProperty("id").GetString() == w.TwinningId);
        await Problem.AssertFieldsAsync(await visitor.GetAsync("/api/twinnings?service=astrology"), "service");

        var page = await visitor.GetFromJsonAsync<JsonElement>($"/api/twinnings/{w.TwinningId}");
        Assert.Equal("Orientation and information for families", page.GetProperty("service").GetProperty("en").GetString());
        Assert.Equal(new[] { w.Learner1, w.Learner2 }, page.GetProperty("learners").EnumerateArray().Select(l => l.GetProperty("id").GetString()));
        var phases = page.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(2, phases.Count);
        Assert.True(phases[0].GetProperty("done").GetBoolean());
        Assert.False(page.GetProperty("viewer").GetProperty("canEdit").GetBoolean());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("practiceId").ValueKind);
    }

    [Fact]
    public async Task Only_the_coordinator_creates_a_twinning_or_changes_its_members()
    {
        var w = await SetUpAsync();
        var body = TwinningRequests.Twinning(w.Mentor, [w.Learner1, w.Outsider]);

        await Problem.AssertAsync(await w.MentorEditor.PostAsJsonAsync("/api/twinnings", body), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.LearnerEditor, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}", body, w.Etag), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowserClient().PostAsJsonAsync("/api/twinnings", body)).StatusCode);

        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.Coordinator, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}", body, null), HttpStatusCode.PreconditionRequired);
        var changed = await TwinningRequests.SendAsync(w.Coordinator, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}", body, w.Etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains(w.Outsider, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("learners").EnumerateArray().Select(l => l.GetProperty("id").GetString()));
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.Coordinator, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}", body, w.Etag), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_naming_each_field_and_nothing_is_written()
    {
        var w = await SetUpAsync();
        var body = TwinningRequests.Twinning(w.Mentor, [w.Mentor]);
        body["service"] = "astrology";
        body["phases"]![1]!["endDate"] = "2026-06-01";
        body["texts"]![0]!["language"] = "xx";
        await Problem.AssertFieldsAsync(await w.Coordinator.PostAsJsonAsync("/api/twinnings", body),
            "service", "learnerOrganisationIds", "phases[1].endDate", "texts[0].language");
        body = TwinningRequests.Twinning(w.Mentor, [w.Learner1]);
        body["practiceId"] = "it-nowhere--nothing";
        body["learnerOrganisationIds"] = new JsonArray("it-no-such-centre");
        await Problem.AssertFieldsAsync(await w.Coordinator.PostAsJsonAsync("/api/twinnings", body), "practiceId", "learnerOrganisationIds[0]");
        await Problem.AssertFieldsAsync(await w.Coordinator.PostAsync("/api/twinnings", Problem.Json("""{"texts":[],"status":"sleeping"}""")), "status");
        await Problem.AssertFieldsAsync(await w.Coordinator.PostAsync("/api/twinnings", Problem.Json("""{"texts":[],"owner":"me"}""")), "owner");

        var meetings = $"/api/twinnings/{w.TwinningId}/meetings";
        var meeting = TwinningRequests.InPerson(w.Mentor, Soon);
        meeting["lastDay"] = "2026-06-26";
        meeting["joinUrl"] = "https://meet.example.org/x";
        await Problem.AssertFieldsAsync(await w.Coordinator.PostAsJsonAsync(meetings, meeting), "lastDay", "joinUrl");
        var online = TwinningRequests.Online(Soon.ToDateTime(new TimeOnly(10, 0)));
        online["timeZone"] = "Mars/Olympus";
        online["durationMinutes"] = 0;
        online["startsAt"] = "2 July";
        await Problem.AssertFieldsAsync(await w.Coordinator.PostAsJsonAsync(meetings, online), "timeZone", "durationMinutes", "startsAt");

        var page = await w.Coordinator.GetFromJsonAsync<JsonElement>($"/api/twinnings/{w.TwinningId}");
        Assert.Equal(0, page.GetProperty("meetings").GetArrayLength());
    }

    [Fact]
    public async Task A_join_link_reaches_members_only_never_visitors_nor_the_calendar_feeds()
    {
        var w = await SetUpAsync();
        var (meetingId, _) = await MeetingAsync(w, TwinningRequests.Online(Soon.ToDateTime(new TimeOnly(10, 0)), "https://meet.example.org/secret-room"));

        var visitor = factory.CreateBrowserClient();
        var publicPage = await visitor.GetStringAsync($"/api/twinnings/{w.TwinningId}");
        Assert.DoesNotContain("secret-room", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-room", await w.OutsiderEditor.GetStringAsync($"/api/twinnings/{w.TwinningId}"), StringComparison.Ordinal);
        var feed = await visitor.GetStringAsync($"/api/twinnings/{w.TwinningId}/calendar.ics");
        Assert.DoesNotContain("secret-room", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-room", await visitor.GetStringAsync("/api/twinnings/calendar.ics"), StringComparison.Ordinal);

        var memberPage = await w.LearnerEditor.GetFromJsonAsync<JsonElement>($"/api/twinnings/{w.TwinningId}");
        var meeting = Assert.Single(memberPage.GetProperty("meetings").EnumerateArray());
        Assert.Equal("https://meet.example.org/secret-room", meeting.GetProperty("joinUrl").GetString());
        Assert.Equal(meetingId, meeting.GetProperty("id").GetString());

        var calendar = Calendar.Load(feed)!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal($"meeting-{w.TwinningId}-{meetingId}@localhost", e.Uid);
        var start = TimeZoneInfo.ConvertTimeToUtc(Soon.ToDateTime(new TimeOnly(10, 0)), TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome"));
        Assert.Equal(start, e.Start!.AsUtc);
        Assert.Equal(start.AddMinutes(90), e.End!.AsUtc);
        Assert.Null(e.Url);
    }

    [Fact]
    public async Task A_full_meeting_answers_409_and_the_registration_goes_nowhere()
    {
        var w = await SetUpAsync();
        var (meetingId, _) = await MeetingAsync(w, TwinningRequests.InPerson(w.Mentor, Soon, capacity: 3));
        var url = $"/api/twinnings/{w.TwinningId}/meetings/{meetingId}/registrations";

        var tooMany = await w.LearnerEditor.PostAsJsonAsync(url, TwinningRequests.Attendees(Unique.Email("a"), Unique.Email("b"), Unique.Email("c"), Unique.Email("d")));
        var full = await Problem.AssertAsync(tooMany, HttpStatusCode.Conflict);
        Assert.Equal(3, full.GetProperty("seatsLeft").GetInt32());
        Assert.Empty((await w.LearnerEditor.GetFromJsonAsync<JsonElement>(url)).EnumerateArray());

        await TwinningRequests.PostOkAsync(w.LearnerEditor, url, TwinningRequests.Attendees(Unique.Email("a"), Unique.Email("b")));
        // Two editors race for the last seat: one wins, the other gets 409, and the count is never exceeded.
        var race = await Task.WhenAll(
            w.LearnerEditor.PostAsJsonAsync(url, TwinningRequests.Attendees(Unique.Email("c"))),
            w.MentorEditor.PostAsJsonAsync(url, TwinningRequests.Attendees(Unique.Email("d"))));
        Assert.Equal(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }, race.Select(r => r.StatusCode).Order());
        var all = await w.Coordinator.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(3, all.GetArrayLength());
        var page = await w.Coordinator.GetFromJsonAsync<JsonElement>($"/api/twinnings/{w.TwinningId}");
        Assert.Equal(0, page.GetProperty("meetings")[0].GetProperty("seatsLeft").GetInt32());

        // A withdrawal frees the seat.
        var first = all[0];
        var withdrawn = await TwinningRequests.SendAsync(first.GetProperty("organisation").GetProperty("id").GetString() == w.Learner1 ? w.LearnerEditor : w.MentorEditor,
            HttpMethod.Delete, $"{url}/{first.GetProperty("id").GetString()}", null, first.GetProperty("etag").GetString());
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        await TwinningRequests.PostOkAsync(w.LearnerEditor, url, TwinningRequests.Attendees(Unique.Email("e")));
    }

    [Fact]
    public async Task Member_editors_act_only_on_their_own_organisations_part()
    {
        var w = await SetUpAsync();
        var (meetingId, _) = await MeetingAsync(w, TwinningRequests.InPerson(w.Mentor, Soon));
        var registrations = $"/api/twinnings/{w.TwinningId}/meetings/{meetingId}/registrations";
        var forOther = TwinningRequests.Attendees(Unique.Email("x"));
        forOther["organisationId"] = w.Learner2;

        await Problem.AssertAsync(await w.LearnerEditor.PostAsJsonAsync(registrations, forOther), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await w.OutsiderEditor.PostAsJsonAsync(registrations, TwinningRequests.Attendees(Unique.Email("x"))), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await w.LearnerEditor.PostAsJsonAsync($"/api/twinnings/{w.TwinningId}/meetings", TwinningRequests.InPerson(w.Mentor, Soon.AddDays(4))), HttpStatusCode.Forbidden);
        var mine = await TwinningRequests.PostOkAsync(w.MentorEditor, registrations, TwinningRequests.Attendees(Unique.Email("m")));
        var theirs = mine[0];
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.LearnerEditor, HttpMethod.Delete, $"{registrations}/{theirs.GetProperty("id").GetString()}", null,
            theirs.GetProperty("etag").GetString()), HttpStatusCode.Forbidden);
        Assert.Empty((await w.LearnerEditor.GetFromJsonAsync<JsonElement>(registrations)).EnumerateArray());

        var update = new JsonObject { ["date"] = "2026-06-02", ["language"] = "it", ["title"] = "Gli incontri continuano", ["body"] = "Nei prossimi mesi.", ["published"] = true };
        await Problem.AssertAsync(await w.LearnerEditor.PostAsJsonAsync($"/api/twinnings/{w.TwinningId}/updates", update), HttpStatusCode.Forbidden);
        var outcome = new JsonObject
        {
            ["adoption"] = "adapted", ["language"] = "en", ["practice"] = "Mediation sessions for separating parents.", ["started"] = "A weekly desk.",
            ["firstResults"] = "Twelve families in three months.", ["indicators"] = new JsonArray(new JsonObject { ["name"] = "Families reached", ["value"] = "12" }),
        };
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.MentorEditor, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}/outcomes/{w.Learner1}", outcome, null), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.LearnerEditor, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}/outcomes/{w.Learner2}", outcome, null), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.MentorEditor, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}/outcomes/{w.Mentor}", outcome, null), HttpStatusCode.Forbidden);

        var recorded = await TwinningRequests.SendAsync(w.LearnerEditor, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}/outcomes/{w.Learner1}", outcome, null);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.LearnerEditor, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}/outcomes/{w.Learner1}", outcome, null), HttpStatusCode.PreconditionRequired);
        outcome["firstResults"] = "Twenty families in four months.";
        Assert.Equal(HttpStatusCode.OK, (await TwinningRequests.SendAsync(w.LearnerEditor, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}/outcomes/{w.Learner1}", outcome, recorded.Headers.ETag!.ToString())).StatusCode);
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.LearnerEditor, HttpMethod.Put, $"/api/twinnings/{w.TwinningId}/outcomes/{w.Learner1}", outcome, recorded.Headers.ETag!.ToString()), HttpStatusCode.Conflict);

        var page = await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>($"/api/twinnings/{w.TwinningId}");
        var shown = Assert.Single(page.GetProperty("outcomes").EnumerateArray());
        Assert.Equal("Twenty families in four months.", shown.GetProperty("firstResults").GetString());
        Assert.Equal("12", shown.GetProperty("indicators")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_mentors_updates_are_translated_and_a_changed_original_marks_the_translation_out_of_date()
    {
        var w = await SetUpAsync();
        var updates = $"/api/twinnings/{w.TwinningId}/updates";
        var draft = await TwinningRequests.PostOkAsync(w.MentorEditor, updates,
            new JsonObject { ["date"] = "2026-06-02", ["language"] = "it", ["title"] = "Bozza", ["body"] = "Non ancora.", ["published"] = false });
        var post = await TwinningRequests.PostOkAsync(w.MentorEditor, updates,
            new JsonObject { ["date"] = "2026-07-12", ["language"] = "it", ["title"] = "Gli incontri continueranno", ["body"] = "Gli incontri continueranno nei prossimi mesi.", ["published"] = true });
        var id = post.GetProperty("id").GetString()!;

        var translated = await TwinningRequests.SendAsync(w.MentorEditor, HttpMethod.Put, $"{updates}/{id}/translations/en",
            new JsonObject { ["title"] = "The meetings will continue", ["body"] = "The meetings will continue in the coming months." }, post.GetProperty("etag").GetString());
        Assert.Equal(HttpStatusCode.OK, translated.StatusCode);
        var afterTranslation = await translated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(afterTranslation.GetProperty("texts")[1].GetProperty("outOfDate").GetBoolean());

        var edited = await TwinningRequests.SendAsync(w.Coordinator, HttpMethod.Put, $"{updates}/{id}",
            new JsonObject { ["date"] = "2026-07-12", ["language"] = "it", ["title"] = "Gli incontri continueranno", ["body"] = "Gli incontri continueranno in autunno.", ["published"] = true },
            afterTranslation.GetProperty("etag").GetString());
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var page = await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>($"/api/twinnings/{w.TwinningId}");
        var shown = Assert.Single(page.GetProperty("updates").EnumerateArray());
        Assert.Equal(id, shown.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("etag").ValueKind);
        var english = shown.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("language").GetString() == "en");
        Assert.True(english.GetProperty("outOfDate").GetBoolean());
        Assert.Equal(2, (await w.MentorEditor.GetFromJsonAsync<JsonElement>($"/api/twinnings/{w.TwinningId}")).GetProperty("updates").GetArrayLength());
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.MentorEditor, HttpMethod.Delete, $"{updates}/{draft.GetProperty("id").GetString()}", null, "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\""), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_attendee_cancels_their_own_attendance_with_the_signed_link_and_frees_the_seat()
    {
        var w = await SetUpAsync();
        var (meetingId, _) = await MeetingAsync(w, TwinningRequests.InPerson(w.Mentor, Soon, capacity: 1));
        var url = $"/api/twinnings/{w.TwinningId}/meetings/{meetingId}/registrations";
        var email = Unique.Email("attendee");
        await TwinningRequests.PostOkAsync(w.LearnerEditor, url, TwinningRequests.Attendees(email));
        await factory.RunAsync();
        var invitation = await Mail.FindAsync(factory.Azurite, email, m => m.Category == "reminder");
        Assert.NotNull(invitation);
        Assert.Contains(invitation.Attachments, a => a.FileName == "meeting.ics");
        var token = Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(invitation.Text, @"/attendance\?token=([^\s]+)").Groups[1].Value);

        var visitor = factory.CreateBrowserClient();
        await Problem.AssertAsync(await visitor.GetAsync("/api/attendance?token=" + Uri.EscapeDataString(token[..^2] + "xx")), HttpStatusCode.Forbidden);
        var seen = await visitor.GetFromJsonAsync<JsonElement>("/api/attendance?token=" + Uri.EscapeDataString(token));
        Assert.Equal("registered", seen.GetProperty("status").GetString());
        var cancelled = await visitor.PostAsync("/api/attendance/cancel?token=" + Uri.EscapeDataString(token), null);
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        await TwinningRequests.PostOkAsync(w.LearnerEditor, url, TwinningRequests.Attendees(Unique.Email("next")));
    }

    [Fact]
    public async Task The_coordinator_extends_the_service_vocabulary_in_both_languages()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var name = Unique.Name("Support for foster families");
        var created = await coordinator.PostAsJsonAsync("/api/twinnings/services", new { en = name, it = "Sostegno all'affido " + name[^10..] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var services = await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>("/api/twinnings/services");
        Assert.Contains(services.EnumerateArray(), s => s.GetProperty("en").GetString() == name && !s.GetProperty("builtIn").GetBoolean());
        Assert.Equal(3, services.EnumerateArray().Count(s => s.GetProperty("builtIn").GetBoolean()));
        await Problem.AssertAsync(await coordinator.PostAsJsonAsync("/api/twinnings/services", new { en = name, it = "Di nuovo" }), HttpStatusCode.Conflict);
        await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/twinnings/services", new { en = "", it = "x" }), "en", "it");
    }

    [Fact]
    public async Task The_attendance_sheet_lists_who_is_coming_and_never_lets_a_cell_run_as_a_formula()
    {
        var w = await SetUpAsync();
        var (meetingId, _) = await MeetingAsync(w, TwinningRequests.InPerson(w.Mentor, Soon));
        var url = $"/api/twinnings/{w.TwinningId}/meetings/{meetingId}/registrations";
        var body = TwinningRequests.Attendees(Unique.Email("a"));
        body["attendees"]![0]!["name"] = "=HYPERLINK(\"http://evil\")";
        await TwinningRequests.PostOkAsync(w.LearnerEditor, url, body);

        var csv = await w.Coordinator.GetAsync(url + ".csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains("Family mediator", text, StringComparison.Ordinal);
        await Problem.AssertAsync(await w.LearnerEditor.GetAsync(url + ".csv"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Hostile_input_to_every_twinning_route_gets_a_problem_and_never_a_server_error()
    {
        var w = await SetUpAsync();
        var (meetingId, meetingEtag) = await MeetingAsync(w, TwinningRequests.InPerson(w.Mentor, Soon));
        var t = $"/api/twinnings/{w.TwinningId}";
        var m = $"{t}/meetings/{meetingId}";
        string[] bodies =
        [
            "", "null", "[]", "{", "\"text\"", """{"texts":"x"}""", """{"texts":[null],"phases":[null],"learnerOrganisationIds":[null],"regions":[null]}""",
            """{"attendees":[null,{"name":null}],"organisationId":42}""", """{"format":"teleport","capacity":"many","firstDay":"2026-13-45"}""",
            """{"date":"yesterday","published":"yes"}""", """{"adoption":"copied","indicators":[{"name":"x".repeat}]}""",
            """{"startsAt":"2026-02-30T25:61","timeZone":"../../etc/passwd","durationMinutes":-5}""", new string('[', 40) + new string(']', 40),
        ];
        (HttpMethod Method, string Url, string? ETag)[] routes =
        [
            (HttpMethod.Post, "/api/twinnings", null), (HttpMethod.Put, t, w.Etag), (HttpMethod.Post, $"{t}/meetings", null), (HttpMethod.Put, m, meetingEtag),
            (HttpMethod.Post, $"{m}/registrations", null), (HttpMethod.Post, $"{t}/updates", null), (HttpMethod.Put, $"{t}/outcomes/{w.Learner1}", null),
            (HttpMethod.Post, "/api/twinnings/services", null), (HttpMethod.Put, $"{t}/updates/nope/translations/en", "\"x\""),
            (HttpMethod.Put, "/api/twinnings/..%2F..%2Fetc/meetings/%20x", "\"x\""), (HttpMethod.Delete, $"{m}/registrations/zz", "\"x\""),
            (HttpMethod.Post, "/api/attendance/cancel?token=" + new string('a', 5000), null), (HttpMethod.Get, "/api/attendance?token=a.b", null),
            (HttpMethod.Get, $"{t}/calendar.ics/../x", null), (HttpMethod.Get, "/api/twinnings?service=" + new string('x', 3000), null),
        ];
        foreach (var (method, url, etag) in routes)
        {
            foreach (var body in bodies)
            {
                var request = new HttpRequestMessage(method, url) { Content = method == HttpMethod.Get ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                if (etag is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", etag);
                }
                var response = await w.Coordinator.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500, $"{method} {url} with {body}: {(int)response.StatusCode} {text}");
                if (!response.IsSuccessStatusCode)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }
        var page = await w.Coordinator.GetFromJsonAsync<JsonElement>(t);
        Assert.Single(page.GetProperty("meetings").EnumerateArray());
        Assert.Empty((await w.Coordinator.GetFromJsonAsync<JsonElement>($"{m}/registrations")).EnumerateArray());
    }
}
