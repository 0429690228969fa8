using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>The coordinator reviews a practice as the public will see it, and a revision field by field against the published one.</summary>
public sealed class PracticeReviewTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    [Fact]
    public async Task A_revision_of_a_published_practice_shows_each_changed_field_and_the_preview_the_public_will_see()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var partner = await factory.SignInAsPartnerAsync(coordinator, organisation.Id);
        var name = Unique.Name("Gruppi di parola");
        var draft = await Practices.CreateAsync(partner, Practices.Input(organisation.Id, name));

        var first = await coordinator.GetFromJsonAsync<JsonElement>($"/api/practices/{draft.Id()}/review");
        Assert.Equal(JsonValueKind.Null, first.GetProperty("published").ValueKind);
        Assert.Empty(first.GetProperty("changes").EnumerateArray());
        Assert.Equal(name, first.GetProperty("preview").GetProperty("texts")[0].S("name"));
        Assert.Equal(organisation.Name, first.GetProperty("preview").S("organisationName"));

        var published = await Practices.PublishAsync(partner, coordinator, draft);
        var revised = Practices.Input(organisation.Id, name);
        revised["city"] = "Forlì";
        revised["text"] = Practices.Text(name, "Gruppi di parola, ora anche online.");
        var edited = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{draft.Id()}", published.Etag(), revised));
        await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/practices/{draft.Id()}/translations/en", edited.Etag(), Practices.Text("Talking groups")));

        var review = await coordinator.GetFromJsonAsync<JsonElement>($"/api/practices/{draft.Id()}/review");
        var changes = review.GetProperty("changes").EnumerateArray()
            .Select(c => (c.S("field"), c.GetProperty("language").GetString(), c.GetProperty("before").GetString(), c.GetProperty("after").GetString())).ToList();
        Assert.Equal(
            [("city", null, "Città di Castello", "Forlì"), ("translation", "en", null, "Talking groups"), ("description", "it", "Gruppi di parola per genitori separati.", "Gruppi di parola, ora anche online.")],
            changes.OrderBy(c => c.Item1 == "city" ? 0 : c.Item1 == "translation" ? 1 : 2));
        Assert.Equal("Città di Castello", review.GetProperty("published").S("city"));
        Assert.Equal("Forlì", review.GetProperty("preview").S("city"));

        await Problem.AssertAsync(await partner.GetAsync($"/api/practices/{draft.Id()}/review"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await coordinator.GetAsync($"/api/practices/{organisation.Id}--nosuchkey/review"), HttpStatusCode.NotFound);
    }
}
