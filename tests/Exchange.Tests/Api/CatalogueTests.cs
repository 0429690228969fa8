using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>Search over a small published set that only this class's unique word reaches.</summary>
public sealed class CatalogueFixture : ExchangeFactory, IAsyncLifetime
{
    public string Word { get; } = "zq" + Guid.NewGuid().ToString("N")[..8];
    public List<string> Ids { get; } = [];

    public async Task InitializeAsync()
    {
        var coordinator = await SignInAsCoordinatorAsync();
        var organisation = await CreateOrganisationAsync(coordinator);
        var partner = await SignInAsPartnerAsync(coordinator, organisation.Id);

        async Task Publish(JsonObject input)
        {
            Ids.Add((await Practices.PublishAsync(partner, coordinator, await Practices.CreateAsync(partner, input))).Id());
        }

        var cittaInput = Practices.Input(organisation.Id, $"Centro per le famiglie della Città {Word}");
        cittaInput["contactVisible"] = true;
        await Publish(cittaInput);

        var ended = Practices.Input(organisation.Id, $"Mediazione familiare {Word}");
        ended["ongoing"] = false;
        ended["endYear"] = 2019;
        ended["fields"] = new JsonArray("family-mediation");
        ended["country"] = "SE";
        ended["city"] = "Vänersborg";
        await Publish(ended);

        var english = Practices.Input(organisation.Id, $"Home visits {Word}", "en");
        english["fields"] = new JsonArray("home-educational-support");
        english["city"] = "Imola";
        english["text"]!["description"] = "Educators visit families at home.";
        english["text"]!["evaluation"] = "Interviews with parents.";
        await Publish(english);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public sealed class CatalogueTests(CatalogueFixture catalogue) : IClassFixture<CatalogueFixture>
{
    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await catalogue.CreateClient().GetAsync("/api/catalogue?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static string[] Names(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();

    [Theory]
    [InlineData("citta")]
    [InlineData("CITTÀ")]
    [InlineData("Citta")]
    [InlineData("cit")]
    public async Task Search_ignores_case_and_accents(string word)
    {
        var page = await SearchAsync($"q={Uri.EscapeDataString(word + " " + catalogue.Word)}");
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.StartsWith("Centro per le famiglie della Città", Names(page)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_reaches_every_text_field_and_every_language()
    {
        Assert.Equal(1, (await SearchAsync($"q=educators+{catalogue.Word}")).GetProperty("total").GetInt32());
        Assert.Equal(2, (await SearchAsync($"q=questionari+{catalogue.Word}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_empty_query_lists_everything_published_newest_first()
    {
        var page = await SearchAsync("pageSize=100");
        Assert.True(page.GetProperty("total").GetInt32() >= 3);
        var dates = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("publishedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public async Task Facets_filter_and_count_and_combine()
    {
        var all = await SearchAsync($"q={catalogue.Word}");
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        var countries = all.GetProperty("facets").GetProperty("country").EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt32());
        Assert.Equal(2, countries["IT"]);
        Assert.Equal(1, countries["SE"]);

        var italian = await SearchAsync($"q={catalogue.Word}&country=IT");
        Assert.Equal(2, italian.GetProperty("total").GetInt32());
        // The facet's own counts ignore its selection, so the other country stays visible.
        Assert.Contains(italian.GetProperty("facets").GetProperty("country").EnumerateArray(), f => f.GetProperty("value").GetString() == "SE");

        var italianOngoing = await SearchAsync($"q={catalogue.Word}&country=IT&ongoing=true");
        Assert.Equal(2, italianOngoing.GetProperty("total").GetInt32());
        var endedSwedish = await SearchAsync($"q={catalogue.Word}&country=SE&ongoing=false");
        Assert.Equal(["Mediazione familiare " + catalogue.Word], Names(endedSwedish));

        var either = await SearchAsync($"q={catalogue.Word}&field=family-mediation&field=home-educational-support");
        Assert.Equal(3, either.GetProperty("total").GetInt32());
        var english = await SearchAsync($"q={catalogue.Word}&language=en");
        Assert.Equal(["Home visits " + catalogue.Word], Names(english));
    }

    [Fact]
    public async Task A_filter_with_no_match_and_a_page_past_the_end_return_empty_pages()
    {
        var none = await SearchAsync($"q={catalogue.Word}&targetGroup=grandparents");
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        Assert.Empty(Names(none));

        var past = await SearchAsync($"q={catalogue.Word}&page=5&pageSize=2");
        Assert.Equal(3, past.GetProperty("total").GetInt32());
        Assert.Empty(Names(past));

        var second = await SearchAsync($"q={catalogue.Word}&page=2&pageSize=2&sort=name");
        Assert.Single(Names(second));
    }

    [Fact]
    public async Task Sorting_by_name_orders_the_results_alphabetically()
    {
        var page = await SearchAsync($"q={catalogue.Word}&sort=name");
        Assert.Equal(Names(page).Order(StringComparer.OrdinalIgnoreCase).ToArray(), Names(page));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("sort=random", "sort")]
    [InlineData("ongoing=maybe", "ongoing")]
    public async Task Bad_search_parameters_are_named(string query, string field) =>
        await Problem.AssertFieldsAsync(await catalogue.CreateClient().GetAsync("/api/catalogue?" + query), field);

    [Fact]
    public async Task The_reader_language_picks_the_text_version_shown()
    {
        var page = await SearchAsync($"q=castello+{catalogue.Word}&lang=en");
        Assert.Equal("it", page.GetProperty("items")[0].GetProperty("language").GetString());
    }

    [Fact]
    public async Task Contact_details_are_public_only_where_the_partner_allowed_it()
    {
        var client = catalogue.CreateClient();
        var shown = await client.GetFromJsonAsync<JsonElement>($"/api/catalogue/{catalogue.Ids[0]}");
        Assert.Equal("maria@example.org", shown.GetProperty("contact").GetProperty("email").GetString());
        var hidden = await client.GetFromJsonAsync<JsonElement>($"/api/catalogue/{catalogue.Ids[1]}");
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("contact").ValueKind);

        var csv = await client.GetStringAsync("/api/catalogue/export.csv");
        var hiddenRow = csv.Split("\r\n").Single(l => l.StartsWith(catalogue.Ids[1], StringComparison.Ordinal));
        Assert.DoesNotContain("maria@example.org", hiddenRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_data_exports_and_the_feed_list_the_published_practices()
    {
        var client = catalogue.CreateClient();
        var csv = await client.GetAsync("/api/catalogue/export.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("id,name,organisation,country", csvText.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.All(catalogue.Ids, id => Assert.Contains(id, csvText, StringComparison.Ordinal));

        var json = await client.GetFromJsonAsync<JsonElement>("/api/catalogue/export.json");
        Assert.All(catalogue.Ids, id => Assert.Contains(json.EnumerateArray(), p => p.GetProperty("id").GetString() == id));

        var feed = await client.GetAsync("/api/catalogue/feed.atom");
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
        var atom = System.Xml.Linq.XDocument.Parse(await feed.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2005/Atom";
        Assert.Contains(atom.Root!.Elements(ns + "entry"), e => e.Element(ns + "title")!.Value == $"Home visits {catalogue.Word}");
    }
}
