using System.Net;
using System.Net.Http.Json;
using Exchange.Common;
using Exchange.Organisations;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

public sealed class OrganisationTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    [Fact]
    public async Task Coordinator_creates_an_organisation_that_the_public_directory_lists()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var name = Unique.Name("Città di Forlì");
        var created = await factory.CreateOrganisationAsync(coordinator, name);

        Assert.StartsWith("it-citta-di-forli-", created.Id, StringComparison.Ordinal);
        var list = await factory.CreateClient().GetFromJsonAsync<List<OrganisationDto>>("/api/organisations", JsonDefaults.Options);
        Assert.Contains(list!, o => o.Id == created.Id && o.Name == name && o.Country == "IT");
    }

    [Fact]
    public async Task The_same_name_in_the_same_country_is_a_duplicate_whatever_its_case_or_accents()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var name = Unique.Name("Comune di Imola");
        await factory.CreateOrganisationAsync(coordinator, name);

        var again = await coordinator.PostAsJsonAsync("/api/organisations", new { name = name.ToUpperInvariant().Replace("O", "Ò"), country = "it", city = "Imola", kind = "municipality" });
        await Problem.AssertAsync(again, HttpStatusCode.Conflict);

        var elsewhere = await coordinator.PostAsJsonAsync("/api/organisations", new { name, country = "SE", city = "Imola", kind = "municipality" });
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Every_bad_field_is_named_and_nothing_is_stored()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var name = Unique.Name("Half written");
        var response = await coordinator.PostAsJsonAsync("/api/organisations", new
        {
            name,
            country = "XX",
            city = "",
            kind = "castle",
            website = "javascript:alert(1)",
            description = new string('x', 2001),
        });

        await Problem.AssertFieldsAsync(response, "country", "city", "kind", "website", "description");
        var list = await factory.CreateClient().GetFromJsonAsync<List<OrganisationDto>>("/api/organisations", JsonDefaults.Options);
        Assert.DoesNotContain(list!, o => o.Name == name);
    }

    [Fact]
    public async Task An_edit_with_a_stale_etag_is_refused_and_the_first_edit_survives()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var created = await factory.CreateOrganisationAsync(coordinator);
        var body = new { name = created.Name, country = "IT", city = "Ravenna", kind = "municipality", website = (string?)null, description = "First edit" };

        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/organisations/{created.Id}") { Content = JsonContent.Create(body) };
        first.Headers.TryAddWithoutValidation("If-Match", created.Etag);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.SendAsync(first)).StatusCode);

        var second = new HttpRequestMessage(HttpMethod.Put, $"/api/organisations/{created.Id}") { Content = JsonContent.Create(body with { description = "Second edit" }) };
        second.Headers.TryAddWithoutValidation("If-Match", created.Etag);
        await Problem.AssertAsync(await coordinator.SendAsync(second), HttpStatusCode.Conflict);

        var stored = await factory.CreateClient().GetFromJsonAsync<OrganisationDto>($"/api/organisations/{created.Id}", JsonDefaults.Options);
        Assert.Equal("First edit", stored!.Description);
        Assert.Equal("Ravenna", stored.City);
    }

    [Fact]
    public async Task An_edit_without_if_match_is_refused()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var created = await factory.CreateOrganisationAsync(coordinator);
        var response = await coordinator.PutAsJsonAsync($"/api/organisations/{created.Id}", new { name = created.Name, country = "IT", city = "X", kind = "ngo" });
        await Problem.AssertAsync(response, HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task Unknown_organisation_is_404()
    {
        await Problem.AssertAsync(await factory.CreateClient().GetAsync("/api/organisations/it-nobody-here"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await factory.CreateClient().GetAsync("/api/organisations/..%2F..%2Fetc"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_create_organisations()
    {
        var response = await factory.CreateBrowserClient().PostAsJsonAsync("/api/organisations", new { name = "Sneaky", country = "IT", city = "Roma", kind = "ngo" });
        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_partner_calling_a_coordinator_endpoint_gets_403()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var partner = await factory.SignInAsPartnerAsync(coordinator, organisation.Id);

        var response = await partner.PostAsJsonAsync("/api/organisations", new { name = Unique.Name("Partner made"), country = "IT", city = "Roma", kind = "ngo" });
        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await partner.GetAsync("/api/outbox"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await partner.GetAsync("/api/invitations"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_cookie_request_from_another_origin_is_refused()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/organisations")
        {
            Content = JsonContent.Create(new { name = Unique.Name("Forged"), country = "IT", city = "Roma", kind = "ngo" }),
        };
        coordinator.DefaultRequestHeaders.Remove("Origin");
        forged.Headers.Add("Origin", "https://evil.example");
        var response = await coordinator.SendAsync(forged);
        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("Cross-site", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }
}
