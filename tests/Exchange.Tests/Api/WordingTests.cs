using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>Errors speak plain words and name what to choose; licences come from a list with names and texts.</summary>
public sealed class WordingTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    [Fact]
    public async Task Bad_codes_get_plain_words_that_point_to_the_list_not_standards_jargon()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var practice = Practices.Input(organisation.Id, Unique.Name("Gruppi"));
        practice["language"] = "xx";
        practice["country"] = "ZZ";
        practice["budgetCurrency"] = "EURO";
        var material = Materials.Input(organisation.Id, "Titolo");
        material["licence"] = "WTFPL";
        var problems = new[]
        {
            await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/practices", practice), "language", "country", "budgetCurrency"),
            await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/organisations", new { name = "Centro", country = "ZZ", city = "X", kind = "ngo" }), "country"),
            await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/materials", material), "licence"),
        };
        foreach (var problem in problems)
        {
            var text = problem.GetRawText();
            Assert.DoesNotContain("ISO", text, StringComparison.Ordinal);
            Assert.DoesNotContain("SPDX", text, StringComparison.Ordinal);
            Assert.Contains("from the list", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_material_takes_a_licence_from_the_list_whose_name_and_text_the_vocabulary_gives()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var vocabularies = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/vocabularies");
        var licence = vocabularies.GetProperty("licences").EnumerateArray().Single(l => l.S("id") == "CC-BY-SA-4.0");
        Assert.Equal(("Creative Commons Attribution-ShareAlike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"), (licence.S("name"), licence.S("url")));

        var input = Materials.Input(organisation.Id, Unique.Name("Guida"));
        input["licence"] = "cc-by-sa-4.0";
        var created = await Materials.CreateAsync(coordinator, input);
        Assert.Equal("CC-BY-SA-4.0", created.S("licence"));
    }
}
