using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>"We tried this": transfer records through the API, on the shared Azurite.</summary>
public sealed class TransferTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    private sealed record World(HttpClient Coordinator, HttpClient Owner, string OwnerOrganisation, HttpClient Adopter, string AdopterOrganisation,
        HttpClient Outsider, string PracticeId, string PracticeName);

    private async Task<World> SetUpAsync()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var owner = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Comune di Ozieri"));
        var adopter = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Sofia family centre"), "BG");
        var outsider = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Helsinki family centre"), "FI");
        var ownerEditor = await factory.SignInAsPartnerAsync(coordinator, owner.Id);
        var name = Unique.Name("Gruppi di parola");
        var practice = await Practices.PublishAsync(ownerEditor, coordinator, await Practices.CreateAsync(ownerEditor, Practices.Input(owner.Id, name)));
        return new World(coordinator, ownerEditor, owner.Id, await factory.SignInAsPartnerAsync(coordinator, adopter.Id), adopter.Id,
            await factory.SignInAsPartnerAsync(coordinator, outsider.Id), practice.Id(), name);
    }

    public static JsonObject Record(string practiceId, string organisationId, string status = "trying", string? reason = null) => new()
    {
        ["practiceId"] = practiceId,
        ["organisationId"] = organisationId,
        ["kind"] = "adapted",
        ["startedOn"] = "2026-02-01",
        ["changes"] = "Groups meet in the evening, and a Bulgarian-speaking facilitator leads them.",
        ["servesWhom"] = "Separated parents in Sofia",
        ["status"] = status,
        ["statusReason"] = reason,
        ["language"] = "en",
        ["results"] = "Parents come back after the first meeting.",
        ["indicators"] = new JsonArray(new JsonObject { ["name"] = "Families reached", ["value"] = "12" }),
    };

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.NotNull(response.Headers.ETag);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_partner_records_that_it_took_up_a_practice_and_the_practice_catalogue_and_partner_pages_show_it()
    {
        var w = await SetUpAsync();
        var record = await CreatedAsync(await w.Adopter.PostAsJsonAsync("/api/transfers", Record(w.PracticeId, w.AdopterOrganisation)));
        var id = record.GetProperty("id").GetString()!;
        Assert.Equal($"{w.PracticeId}.{w.AdopterOrganisation}", id);

        var visitor = factory.CreateBrowserClient();
        var takenUp = Assert.Single((await visitor.GetFromJsonAsync<JsonElement>($"/api/transfers?practiceId={w.PracticeId}")).EnumerateArray());
        Assert.Equal("BG", takenUp.GetProperty("organisation").GetProperty("country").GetString());
        Assert.Equal("trying", takenUp.GetProperty("status").GetString());
        Assert.Equal("adapted", takenUp.GetProperty("kind").GetString());
        Assert.Equal("12", takenUp.GetProperty("indicators")[0].GetProperty("value").GetString());
        Assert.Equal(w.PracticeName, takenUp.GetProperty("practice").GetProperty("name").GetString());
        Assert.False(takenUp.GetProperty("canEdit").GetBoolean());
        Assert.Equal(JsonValueKind.Null, takenUp.GetProperty("etag").ValueKind);
        var page = await visitor.GetFromJsonAsync<JsonElement>($"/api/transfers/{id}");
        Assert.Equal("Separated parents in Sofia", page.GetProperty("servesWhom").GetString());

        var facet = await visitor.GetFromJsonAsync<JsonElement>($"/api/catalogue?takenUp=true&pageSize=100&sort=transfers");
        var item = Assert.Single(facet.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == w.PracticeId);
        Assert.Equal(1, item.GetProperty("transfers").GetInt32());
        Assert.Contains(facet.GetProperty("facets").GetProperty("takenUp").EnumerateArray(), v => v.GetProperty("value").GetString() == "true");
        var notTaken = await visitor.GetFromJsonAsync<JsonElement>($"/api/catalogue?takenUp=false&pageSize=100");
        Assert.DoesNotContain(notTaken.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == w.PracticeId);
        await Problem.AssertFieldsAsync(await visitor.GetAsync("/api/catalogue?takenUp=maybe"), "takenUp");
        await Problem.AssertFieldsAsync(await visitor.GetAsync("/api/catalogue?sort=popular"), "sort");

        var adopterPage = await visitor.GetFromJsonAsync<JsonElement>($"/api/transfers/partners/{w.AdopterOrganisation}");
        Assert.Equal(id, Assert.Single(adopterPage.GetProperty("tookUp").EnumerateArray()).GetProperty("id").GetString());
        var ownerPage = await visitor.GetFromJsonAsync<JsonElement>($"/api/transfers/partners/{w.OwnerOrganisation}");
        Assert.Equal(id, Assert.Single(ownerPage.GetProperty("takenUpFromIt").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(0, ownerPage.GetProperty("tookUp").GetArrayLength());

        var json = await visitor.GetFromJsonAsync<JsonElement>("/api/transfers/export.json");
        Assert.Contains(json.EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        var csv = await visitor.GetStringAsync("/api/transfers/export.csv");
        Assert.StartsWith("id,practice_id,practice", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains($"{id},{w.PracticeId},{w.PracticeName}", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_updates_its_own_record_with_its_etag_and_the_earlier_outcomes_stay_in_its_history()
    {
        var w = await SetUpAsync();
        var record = await CreatedAsync(await w.Adopter.PostAsJsonAsync("/api/transfers", Record(w.PracticeId, w.AdopterOrganisation)));
        var url = $"/api/transfers/{record.GetProperty("id").GetString()}";
        var etag = record.GetProperty("etag").GetString()!;
        var change = Record(w.PracticeId, w.AdopterOrganisation, "adopted");
        change.Remove("practiceId");
        change.Remove("organisationId");
        ((JsonArray)change["indicators"]!)[0]!["value"] = "30";

        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.Adopter, HttpMethod.Put, url, change, null), HttpStatusCode.PreconditionRequired);
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.Outsider, HttpMethod.Put, url, change, etag), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.Owner, HttpMethod.Put, url, change, etag), HttpStatusCode.Forbidden);
        var updated = await Practices.OkAsync(await TwinningRequests.SendAsync(w.Adopter, HttpMethod.Put, url, change, etag));
        Assert.Equal("adopted", updated.GetProperty("status").GetString());
        Assert.Equal("30", updated.GetProperty("indicators")[0].GetProperty("value").GetString());
        var before = Assert.Single(updated.GetProperty("history").EnumerateArray());
        Assert.Equal("trying", before.GetProperty("status").GetString());
        Assert.Equal("12", before.GetProperty("indicators")[0].GetProperty("value").GetString());
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.Adopter, HttpMethod.Put, url, change, etag), HttpStatusCode.Conflict);

        var stopped = Record(w.PracticeId, w.AdopterOrganisation, "stopped");
        stopped.Remove("practiceId");
        stopped.Remove("organisationId");
        await Problem.AssertFieldsAsync(await TwinningRequests.SendAsync(w.Adopter, HttpMethod.Put, url, stopped, updated.GetProperty("etag").GetString()), "statusReason");
        stopped["statusReason"] = "The municipality cut the budget.";
        var ended = await Practices.OkAsync(await TwinningRequests.SendAsync(w.Adopter, HttpMethod.Put, url, stopped, updated.GetProperty("etag").GetString()));
        Assert.Equal("The municipality cut the budget.", ended.GetProperty("statusReason").GetString());
        Assert.Equal(2, ended.GetProperty("history").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await TwinningRequests.SendAsync(w.Adopter, HttpMethod.Delete, url, null, ended.GetProperty("etag").GetString())).StatusCode);
        await Problem.AssertAsync(await factory.CreateBrowserClient().GetAsync(url), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Records_are_only_for_a_published_practice_of_another_organisation_and_only_for_ones_own_organisation()
    {
        var w = await SetUpAsync();
        await Problem.AssertAsync(await factory.CreateBrowserClient().PostAsJsonAsync("/api/transfers", Record(w.PracticeId, w.AdopterOrganisation)), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await w.Outsider.PostAsJsonAsync("/api/transfers", Record(w.PracticeId, w.AdopterOrganisation)), HttpStatusCode.Forbidden);
        await Problem.AssertFieldsAsync(await w.Owner.PostAsJsonAsync("/api/transfers", Record(w.PracticeId, w.OwnerOrganisation)), "practiceId");
        var draft = await Practices.CreateAsync(w.Owner, Practices.Input(w.OwnerOrganisation, Unique.Name("Bozza")));
        await Problem.AssertFieldsAsync(await w.Adopter.PostAsJsonAsync("/api/transfers", Record(draft.Id(), w.AdopterOrganisation)), "practiceId");
        await Problem.AssertFieldsAsync(await w.Adopter.PostAsJsonAsync("/api/transfers", Record(w.PracticeId, w.AdopterOrganisation, "stopped")), "statusReason");
        var bad = Record(w.PracticeId, w.AdopterOrganisation);
        bad["kind"] = "borrowed";
        await Problem.AssertAsync(await w.Adopter.PostAsJsonAsync("/api/transfers", bad), HttpStatusCode.BadRequest);
        var empty = new JsonObject { ["practiceId"] = w.PracticeId, ["organisationId"] = w.AdopterOrganisation };
        await Problem.AssertFieldsAsync(await w.Adopter.PostAsJsonAsync("/api/transfers", empty), "kind", "startedOn", "changes", "servesWhom", "status", "language");
        Assert.Equal(0, (await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>($"/api/transfers?practiceId={w.PracticeId}")).GetArrayLength());

        await CreatedAsync(await w.Adopter.PostAsJsonAsync("/api/transfers", Record(w.PracticeId, w.AdopterOrganisation)));
        await Problem.AssertAsync(await w.Adopter.PostAsJsonAsync("/api/transfers", Record(w.PracticeId, w.AdopterOrganisation)), HttpStatusCode.Conflict);
        // The coordinator may record on a partner's behalf.
        var third = await factory.CreateOrganisationAsync(w.Coordinator, Unique.Name("Oslo family centre"), "NO");
        await CreatedAsync(await w.Coordinator.PostAsJsonAsync("/api/transfers", Record(w.PracticeId, third.Id)));
        Assert.Equal(2, (await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>($"/api/transfers?practiceId={w.PracticeId}")).GetArrayLength());
        await Problem.AssertAsync(await factory.CreateBrowserClient().GetAsync("/api/transfers/not.an.id.at.all"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_twinning_learners_outcome_is_a_transfer_record_of_the_twinnings_practice_linked_to_the_twinning()
    {
        var w = await SetUpAsync();
        var input = TwinningRequests.Twinning(w.OwnerOrganisation, [w.AdopterOrganisation]);
        input["practiceId"] = w.PracticeId;
        var twinning = await TwinningRequests.PostOkAsync(w.Coordinator, "/api/twinnings", input);
        var twinningId = twinning.GetProperty("id").GetString()!;
        var outcome = await w.Adopter.PutAsJsonAsync($"/api/twinnings/{twinningId}/outcomes/{w.AdopterOrganisation}", new
        {
            adoption = "adapted", language = "en", practice = "Family mediation with a Bulgarian-speaking mediator.", started = "Two mediators trained.",
            firstResults = "Eight families mediated.", indicators = new[] { new { name = "Families mediated", value = "8" } },
        });
        Assert.True(outcome.IsSuccessStatusCode, await outcome.Content.ReadAsStringAsync());

        var record = Assert.Single((await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>($"/api/transfers?practiceId={w.PracticeId}")).EnumerateArray());
        Assert.Equal("twinning", record.GetProperty("source").GetString());
        Assert.Equal(twinningId, record.GetProperty("twinningId").GetString());
        Assert.Equal("8", record.GetProperty("indicators")[0].GetProperty("value").GetString());
        var id = record.GetProperty("id").GetString()!;
        Assert.Equal(twinningId, (await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>($"/api/transfers/{id}")).GetProperty("twinningId").GetString());
        // Changed on the twinning, never here.
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.Adopter, HttpMethod.Put, $"/api/transfers/{id}", new JsonObject(), "W/\"datetime'2026-01-31T10%3A00%3A00.1234567Z'\""), HttpStatusCode.Conflict);
        var catalogue = await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>("/api/catalogue?takenUp=true&pageSize=100");
        Assert.Contains(catalogue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == w.PracticeId);
    }
}
