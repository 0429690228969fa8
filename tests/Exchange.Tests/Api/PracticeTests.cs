using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>Practice helpers shared by the practice and catalogue tests.</summary>
public static class Practices
{
    public static JsonObject Input(string organisationId, string name, string language = "it") => new()
    {
        ["organisationId"] = organisationId,
        ["language"] = language,
        ["country"] = "IT",
        ["city"] = "Città di Castello",
        ["startYear"] = 2015,
        ["ongoing"] = true,
        ["fields"] = new JsonArray("family-mediation", "parent-child-groups"),
        ["targetGroups"] = new JsonArray("parents"),
        ["budgetAmount"] = 12000.5,
        ["budgetCurrency"] = "EUR",
        ["budgetYear"] = 2023,
        ["contactVisible"] = false,
        ["contactName"] = "Maria Rossi",
        ["contactEmail"] = "maria@example.org",
        ["text"] = Text(name),
    };

    public static JsonObject Text(string name, string description = "Gruppi di parola per genitori separati.") => new()
    {
        ["name"] = name,
        ["objectives"] = "Ridurre il conflitto tra genitori.",
        ["description"] = description,
        ["budget"] = "Fondi comunali",
        ["fundingSource"] = "Comune",
        ["evaluation"] = "Questionari ai genitori.",
        ["indicators"] = new JsonArray(new JsonObject { ["name"] = "Famiglie seguite", ["value"] = "40" }),
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, JsonObject input)
    {
        var response = await client.PostAsJsonAsync("/api/practices", input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static string Etag(this JsonElement practice) => practice.GetProperty("etag").GetString()!;

    public static string Id(this JsonElement practice) => practice.GetProperty("id").GetString()!;

    public static async Task<JsonElement> PublishAsync(HttpClient partner, HttpClient coordinator, JsonElement practice)
    {
        var submitted = await OkAsync(await SendAsync(partner, HttpMethod.Post, $"/api/practices/{practice.Id()}/submit", practice.Etag()));
        return await OkAsync(await SendAsync(coordinator, HttpMethod.Post, $"/api/practices/{practice.Id()}/publish", submitted.Etag()));
    }
}

public sealed class PracticeTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    private async Task<(HttpClient Coordinator, HttpClient Partner, string OrganisationId, string EditorEmail)> SetUpAsync()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var editor = Unique.Email("editor");
        var partner = await factory.SignInAsPartnerAsync(coordinator, organisation.Id, editor);
        return (coordinator, partner, organisation.Id, editor);
    }

    [Fact]
    public async Task A_practice_goes_from_draft_through_changes_requested_to_published_and_every_step_is_recorded()
    {
        var (coordinator, partner, organisationId, editor) = await SetUpAsync();
        var name = Unique.Name("Gruppi di parola");
        var draft = await Practices.CreateAsync(partner, Practices.Input(organisationId, name));
        Assert.Equal("draft", draft.GetProperty("status").GetString());

        var submitted = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Post, $"/api/practices/{draft.Id()}/submit", draft.Etag()));
        var queue = await coordinator.GetFromJsonAsync<JsonElement>("/api/practices?status=submitted");
        Assert.Contains(queue.EnumerateArray(), p => p.Id() == draft.Id());

        var changes = await Practices.OkAsync(await Practices.SendAsync(coordinator, HttpMethod.Post, $"/api/practices/{draft.Id()}/request-changes", submitted.Etag(), new { comment = "Aggiungete gli indicatori." }));
        Assert.Equal("changes-requested", changes.GetProperty("status").GetString());
        Assert.Equal("Aggiungete gli indicatori.", changes.GetProperty("lastComment").GetString());
        var notice = await factory.NextMailAsync(editor, "practice");
        Assert.NotNull(notice);
        Assert.Contains("Aggiungete gli indicatori.", notice.Text, StringComparison.Ordinal);

        var revised = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{draft.Id()}", changes.Etag(), Practices.Input(organisationId, name + " (rev)")));
        var resubmitted = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Post, $"/api/practices/{draft.Id()}/submit", revised.Etag()));
        var published = await Practices.OkAsync(await Practices.SendAsync(coordinator, HttpMethod.Post, $"/api/practices/{draft.Id()}/publish", resubmitted.Etag()));

        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.True(published.GetProperty("isPublished").GetBoolean());
        var actions = published.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()!).ToArray();
        Assert.Equal(["created", "submitted", "changes-requested", "edited", "resubmitted", "published"], actions);
        Assert.All(published.GetProperty("history").EnumerateArray(), h => Assert.False(string.IsNullOrEmpty(h.GetProperty("by").GetString())));
        Assert.NotNull(await factory.NextMailAsync(editor, "practice"));

        var detail = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/catalogue/{draft.Id()}");
        Assert.Equal(name + " (rev)", detail.GetProperty("texts")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Every_field_out_of_bounds_is_named_and_nothing_is_stored()
    {
        var (_, partner, organisationId, _) = await SetUpAsync();
        var input = Practices.Input(organisationId, "");
        input["language"] = "xx";
        input["country"] = "ZZ";
        input["startYear"] = 1800;
        input["ongoing"] = false;
        input["endYear"] = null;
        input["fields"] = new JsonArray("astrology");
        input["targetGroups"] = new JsonArray();
        input["budgetCurrency"] = "euro";
        input["contactEmail"] = "not-an-address";
        input["text"]!["description"] = new string('d', 8001);
        input["text"]!["indicators"] = new JsonArray(new JsonObject { ["name"] = "", ["value"] = "1" });

        var response = await partner.PostAsJsonAsync("/api/practices", input);

        await Problem.AssertFieldsAsync(response, "language", "country", "startYear", "endYear", "fields", "targetGroups", "budgetCurrency", "contactEmail",
            "text.name", "text.description", "text.indicators[0].name");
        Assert.Empty((await partner.GetFromJsonAsync<JsonElement>("/api/practices")).EnumerateArray());
    }

    [Theory]
    [InlineData(2020, 2018, false, "endYear")]
    [InlineData(2020, 2021, true, "endYear")]
    [InlineData(2020, 2099, false, "endYear")]
    public async Task Years_must_make_sense(int start, int end, bool ongoing, string field)
    {
        var (_, partner, organisationId, _) = await SetUpAsync();
        var input = Practices.Input(organisationId, Unique.Name("Anni"));
        input["startYear"] = start;
        input["endYear"] = end;
        input["ongoing"] = ongoing;
        await Problem.AssertFieldsAsync(await partner.PostAsJsonAsync("/api/practices", input), field);
    }

    [Fact]
    public async Task A_partner_sees_and_touches_only_their_own_organisations_practices()
    {
        var (coordinator, partner, organisationId, _) = await SetUpAsync();
        var otherOrganisation = await factory.CreateOrganisationAsync(coordinator);
        var outsider = await factory.SignInAsPartnerAsync(coordinator, otherOrganisation.Id);
        var practice = await Practices.CreateAsync(partner, Practices.Input(organisationId, Unique.Name("Mia")));

        await Problem.AssertAsync(await outsider.GetAsync($"/api/practices/{practice.Id()}"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await Practices.SendAsync(outsider, HttpMethod.Put, $"/api/practices/{practice.Id()}", practice.Etag(), Practices.Input(organisationId, "Presa")), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await Practices.SendAsync(outsider, HttpMethod.Post, $"/api/practices/{practice.Id()}/submit", practice.Etag()), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await outsider.PostAsJsonAsync("/api/practices", Practices.Input(organisationId, Unique.Name("Altrui"))), HttpStatusCode.Forbidden);
        Assert.DoesNotContain((await outsider.GetFromJsonAsync<JsonElement>("/api/practices")).EnumerateArray(), p => p.Id() == practice.Id());
        await Problem.AssertAsync(await Practices.SendAsync(partner, HttpMethod.Post, $"/api/practices/{practice.Id()}/publish", practice.Etag()), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Two_coordinators_acting_at_once_do_not_overwrite_each_other()
    {
        var (coordinator, partner, organisationId, _) = await SetUpAsync();
        var secondCoordinator = await factory.SignInAsCoordinatorAsync();
        var practice = await Practices.CreateAsync(partner, Practices.Input(organisationId, Unique.Name("Conteso")));
        var submitted = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Post, $"/api/practices/{practice.Id()}/submit", practice.Etag()));

        var responses = await Task.WhenAll(
            Practices.SendAsync(coordinator, HttpMethod.Post, $"/api/practices/{practice.Id()}/publish", submitted.Etag()),
            Practices.SendAsync(secondCoordinator, HttpMethod.Post, $"/api/practices/{practice.Id()}/request-changes", submitted.Etag(), new { comment = "No" }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        await Problem.AssertAsync(responses.Single(r => r.StatusCode != HttpStatusCode.OK), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Editing_a_published_practice_keeps_the_public_version_until_the_revision_is_published()
    {
        var (coordinator, partner, organisationId, _) = await SetUpAsync();
        var name = Unique.Name("Versione pubblica");
        var published = await Practices.PublishAsync(partner, coordinator, await Practices.CreateAsync(partner, Practices.Input(organisationId, name)));

        var revision = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{published.Id()}", published.Etag(), Practices.Input(organisationId, name + " v2")));
        Assert.Equal("draft", revision.GetProperty("status").GetString());
        Assert.True(revision.GetProperty("hasPendingRevision").GetBoolean());
        var visible = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/catalogue/{published.Id()}");
        Assert.Equal(name, visible.GetProperty("texts")[0].GetProperty("name").GetString());

        await Practices.PublishAsync(partner, coordinator, revision);
        var updated = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/catalogue/{published.Id()}");
        Assert.Equal(name + " v2", updated.GetProperty("texts")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_translation_is_flagged_out_of_date_when_the_original_changes_later()
    {
        var (coordinator, partner, organisationId, _) = await SetUpAsync();
        var practice = await Practices.CreateAsync(partner, Practices.Input(organisationId, Unique.Name("Originale")));
        var translated = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{practice.Id()}/translations/en", practice.Etag(), Practices.Text("Talking groups", "Groups for separated parents.")));
        var english = translated.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("language").GetString() == "en");
        Assert.Equal(1, english.GetProperty("translatesRevision").GetInt32());
        Assert.False(english.GetProperty("outOfDate").GetBoolean());

        // Changing only shared facts is not a new revision of the text.
        var facts = Practices.Input(organisationId, practice.GetProperty("texts")[0].GetProperty("name").GetString()!);
        facts["city"] = "Perugia";
        var sameText = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{practice.Id()}", translated.Etag(), facts));
        Assert.False(sameText.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("language").GetString() == "en").GetProperty("outOfDate").GetBoolean());

        var changedInput = Practices.Input(organisationId, "Originale cambiato");
        var changed = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{practice.Id()}", sameText.Etag(), changedInput));
        Assert.Equal(2, changed.GetProperty("revision").GetInt32());
        Assert.True(changed.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("language").GetString() == "en").GetProperty("outOfDate").GetBoolean());

        var published = await Practices.PublishAsync(partner, coordinator, changed);
        var detail = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/catalogue/{published.Id()}");
        Assert.True(detail.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("language").GetString() == "en").GetProperty("outOfDate").GetBoolean());
        Assert.False(detail.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("language").GetString() == "it").GetProperty("outOfDate").GetBoolean());
    }

    [Fact]
    public async Task Translation_errors_name_the_language_and_fields()
    {
        var (_, partner, organisationId, _) = await SetUpAsync();
        var practice = await Practices.CreateAsync(partner, Practices.Input(organisationId, Unique.Name("Lingue")));
        await Problem.AssertFieldsAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{practice.Id()}/translations/it", practice.Etag(), Practices.Text("Stessa lingua")), "language");
        await Problem.AssertFieldsAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{practice.Id()}/translations/klingon", practice.Etag(), Practices.Text("Klingon text")), "language");
        await Problem.AssertFieldsAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{practice.Id()}/translations/en", practice.Etag(), new { name = "", objectives = "o", description = "d", evaluation = "e" }), "name");
    }

    [Fact]
    public async Task Stale_etag_unknown_id_and_missing_if_match_are_answered_clearly()
    {
        var (_, partner, organisationId, _) = await SetUpAsync();
        var practice = await Practices.CreateAsync(partner, Practices.Input(organisationId, Unique.Name("Etag")));
        await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{practice.Id()}", practice.Etag(), Practices.Input(organisationId, "Prima")));
        await Problem.AssertAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{practice.Id()}", practice.Etag(), Practices.Input(organisationId, "Seconda")), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await partner.PutAsJsonAsync($"/api/practices/{practice.Id()}", Practices.Input(organisationId, "Senza")), HttpStatusCode.PreconditionRequired);
        await Problem.AssertAsync(await partner.GetAsync($"/api/practices/{organisationId}--nosuchthing"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await partner.GetAsync("/api/practices/NOT..VALID"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await factory.CreateClient().GetAsync("/api/catalogue/it-nobody--nothing"), HttpStatusCode.NotFound);
        var stored = await partner.GetFromJsonAsync<JsonElement>($"/api/practices/{practice.Id()}");
        Assert.Equal("Prima", stored.GetProperty("texts")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Publishing_what_was_not_submitted_is_a_conflict_and_changes_nothing()
    {
        var (coordinator, partner, organisationId, _) = await SetUpAsync();
        var practice = await Practices.CreateAsync(partner, Practices.Input(organisationId, Unique.Name("Bozza")));
        await Problem.AssertAsync(await Practices.SendAsync(coordinator, HttpMethod.Post, $"/api/practices/{practice.Id()}/publish", practice.Etag()), HttpStatusCode.Conflict);
        await Problem.AssertFieldsAsync(await Practices.SendAsync(coordinator, HttpMethod.Post, $"/api/practices/{practice.Id()}/request-changes", practice.Etag(), new { comment = "" }), "comment");
        await Problem.AssertAsync(await factory.CreateClient().GetAsync($"/api/catalogue/{practice.Id()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unpublishing_removes_a_practice_from_the_public_catalogue()
    {
        var (coordinator, partner, organisationId, _) = await SetUpAsync();
        var published = await Practices.PublishAsync(partner, coordinator, await Practices.CreateAsync(partner, Practices.Input(organisationId, Unique.Name("Ritirata"))));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync($"/api/catalogue/{published.Id()}")).StatusCode);

        var unpublished = await Practices.OkAsync(await Practices.SendAsync(coordinator, HttpMethod.Post, $"/api/practices/{published.Id()}/unpublish", published.Etag(), new { comment = "Dati da verificare" }));
        Assert.Equal("unpublished", unpublished.GetProperty("status").GetString());
        await Problem.AssertAsync(await factory.CreateClient().GetAsync($"/api/catalogue/{published.Id()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Markup_in_a_text_field_is_stored_and_returned_as_plain_text()
    {
        var (coordinator, partner, organisationId, _) = await SetUpAsync();
        const string markup = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var input = Practices.Input(organisationId, Unique.Name("Markup"));
        input["text"]!["description"] = markup;
        var published = await Practices.PublishAsync(partner, coordinator, await Practices.CreateAsync(partner, input));
        var detail = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/catalogue/{published.Id()}");
        Assert.Equal(markup, detail.GetProperty("texts")[0].GetProperty("description").GetString());
    }
}
