using Exchange.Common;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Exchange.Organisations;
using Exchange.Practices;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;

namespace Exchange.Benchmarks;

/// <summary>
/// 10,000 published practices in several languages; catalogue search (a word and two facets)
/// against the health endpoint on the same server, in the same run.
/// </summary>
public static class CatalogueBenchmark
{
    public const int Practices = 10_000;
    private static readonly string[] Countries = ["IT", "ES", "SE", "NO", "FI", "RO", "IS", "LU", "BE", "DE"];
    private static readonly string[] Languages = ["it", "en", "es", "sv", "no", "fi", "ro", "de"];
    private static readonly string[] Words =
        ["famiglie", "genitori", "mediazione", "comunità", "bambini", "scuola", "rete", "sostegno", "parents", "community", "children", "network",
         "mediation", "support", "visits", "groups", "familias", "apoyo", "föräldrar", "stöd", "vanhemmat", "tuki"];

    public static async Task<bool> RunAsync(Azurite azurite)
    {
        Console.WriteLine($"\n== Catalogue search with {Practices:N0} published practices");
        var clock = Stopwatch.StartNew();
        await SeedAsync(azurite);
        Console.WriteLine($"  seeded in {clock.Elapsed.TotalSeconds:F1} s");

        await using var app = await App.StartAsync(azurite);
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        await WaitForCatalogueAsync(http);

        const string search = "/api/catalogue?q=famiglie&country=IT&field=family-mediation";
        var probe = await http.GetFromJsonAsync<JsonElement>(search);
        Console.WriteLine($"  query {search} matches {probe.GetProperty("total").GetInt32()} practices");

        var health = await Load.RunAsync("GET /api/health", app.BaseUrl + "/api/health");
        var catalogue = await Load.RunAsync("GET /api/catalogue (search)", app.BaseUrl + search);
        Load.Print(health, catalogue);

        // Repeated queries are answered from the per-snapshot cache; distinct ones show the index itself.
        var (uncachedP50, uncachedP99) = await DistinctQueriesAsync(http);
        Console.WriteLine($"  distinct (uncached) queries, one at a time: p50 {uncachedP50:F2} ms, p99 {uncachedP99:F2} ms");

        var ratio = catalogue.RequestsPerSecond / health.RequestsPerSecond;
        var ok = ratio >= 0.5 && catalogue.P99 <= 20 && catalogue.Errors == 0 && catalogue.Non2xx == 0;
        Console.WriteLine($"  search throughput / health throughput = {ratio:P0} (target ≥ 50 %); search p99 = {catalogue.P99:F1} ms (target ≤ 20 ms) → {(ok ? "PASS" : "FAIL")}");
        return ok;
    }

    private static async Task SeedAsync(Azurite azurite)
    {
        var tables = azurite.Tables;
        foreach (var name in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(name);
        }
        var organisations = new OrganisationStore(tables.GetTableClient(StorageNames.OrganisationsTable));
        var store = new PracticeStore(tables.GetTableClient(StorageNames.PracticesTable), tables.GetTableClient(StorageNames.MetaTable));
        var orgIds = new List<string>();
        for (var o = 0; o < 50; o++)
        {
            var country = Countries[o % Countries.Length];
            var (_, org) = await organisations.CreateAsync(new OrganisationFields($"Benchmark centre {o}", country, "City " + o, "family-centre", null, ""), default);
            orgIds.Add(org?.Id ?? OrganisationStore.IdFor(country, $"Benchmark centre {o}"));
        }

        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        var batch = new List<Practice>();
        var tasks = new List<Task>();
        for (var i = 0; i < Practices; i++)
        {
            var org = orgIds[i % orgIds.Count];
            string Sentence(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => Words[random.Next(Words.Length)]));
            var language = Languages[i % Languages.Length];
            var facts = new PracticeFacts(language, org[..2].ToUpperInvariant(), "City " + (i % 300), 2000 + (i % 25), i % 3 == 0 ? 2024 : null, i % 3 != 0,
                Vocabulary.Fields.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).Select(f => f.Id).ToList(),
                Vocabulary.TargetGroups.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).Select(t => t.Id).ToList(),
                random.Next(1000, 500_000), "EUR", 2023, false, null, null, null);
            PracticeText Text() => new($"Practice {i} {Sentence(3)}", Sentence(30), Sentence(80), Sentence(8), Sentence(3), Sentence(40), [new Indicator("Families reached", random.Next(10, 500).ToString())]);
            var practice = PracticeWorkflow.Create(PracticeStore.Compose(org, $"b{i:D5}"), org, facts, Text(), "bench@exchange.local", now.AddMinutes(-i));
            if (i % 2 == 0)
            {
                practice = PracticeWorkflow.Translate(practice, language == "en" ? "it" : "en", Text(), "bench@exchange.local", now).OrThrow();
            }
            practice = PracticeWorkflow.Submit(practice, "bench@exchange.local", now).OrThrow();
            practice = PracticeWorkflow.Publish(practice, "coordinator@exchange.local", now.AddMinutes(-i)).OrThrow();
            batch.Add(practice);
            if (batch.Count == 1000)
            {
                tasks.Add(store.ImportAsync(batch.ToList(), default));
                batch.Clear();
            }
        }
        tasks.Add(store.ImportAsync(batch, default));
        await Task.WhenAll(tasks);
    }

    private static async Task<(double P50, double P99)> DistinctQueriesAsync(HttpClient http)
    {
        var timings = new List<double>();
        var i = 0;
        foreach (var word in Words)
        {
            foreach (var country in Countries)
            {
                foreach (var field in Vocabulary.Fields.Take(3))
                {
                    var url = $"/api/catalogue?q={Uri.EscapeDataString(word[..Math.Min(word.Length, 3 + (i++ % 4))])}&country={country}&field={field.Id}&page={1 + (i % 3)}";
                    var watch = Stopwatch.StartNew();
                    (await http.GetAsync(url)).EnsureSuccessStatusCode();
                    timings.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }
        timings.Sort();
        return (timings[timings.Count / 2], timings[(int)(timings.Count * 0.99)]);
    }

    private static async Task WaitForCatalogueAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var page = await http.GetFromJsonAsync<JsonElement>("/api/catalogue?pageSize=1");
            if (page.GetProperty("total").GetInt32() >= Practices)
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("The catalogue did not load all practices.");
    }
}
