using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Tests.Infrastructure;
using Exchange.Twinning;

namespace Exchange.Tests.Api;

public sealed class DemoTwinningTests
{
    [Fact]
    public async Task The_demo_has_three_twinnings_with_in_person_meetings_in_three_cities_and_learners_from_several_regions()
    {
        await using var app = new ReminderFactory(DateTimeOffset.UtcNow, new Dictionary<string, string?> { ["Site:SeedDemo"] = "true" });
        var store = app.Get<TwinningStore>();
        for (var attempt = 0; attempt < 300 && (await store.ListAsync(default)).Count < 3; attempt++)
        {
            await Task.Delay(100);
        }
        var visitor = app.CreateBrowserClient();
        var list = await visitor.GetFromJsonAsync<JsonElement>("/api/twinnings");
        Assert.Equal(["family-mediation", "multi-problem-families", "orientation-information"], list.EnumerateArray().Select(t => t.GetProperty("service").GetString()).Order());

        var cities = new List<string>();
        foreach (var summary in list.EnumerateArray())
        {
            var page = await visitor.GetFromJsonAsync<JsonElement>($"/api/twinnings/{summary.GetProperty("id").GetString()}");
            var inPerson = Assert.Single(page.GetProperty("meetings").EnumerateArray(), m => m.GetProperty("format").GetString() == "in-person");
            cities.Add(inPerson.GetProperty("city").GetString()!);
            Assert.Equal(page.GetProperty("mentor").GetProperty("id").GetString(), inPerson.GetProperty("host").GetProperty("id").GetString());
            Assert.True(page.GetProperty("regions").GetArrayLength() >= 3);
            Assert.Contains(page.GetProperty("meetings").EnumerateArray(), m => m.GetProperty("format").GetString() == "online" && !m.GetProperty("isPast").GetBoolean());
            Assert.Equal(JsonValueKind.Null, page.GetProperty("meetings")[1].GetProperty("joinUrl").ValueKind);
            var update = Assert.Single(page.GetProperty("updates").EnumerateArray());
            Assert.Equal(["en", "it"], update.GetProperty("texts").EnumerateArray().Select(x => x.GetProperty("language").GetString()).Order());
        }
        Assert.Equal(["Bari", "Rimini", "Torino"], cities.Order());
    }
}
