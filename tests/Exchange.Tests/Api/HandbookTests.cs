using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Exchange.Handbooks;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Exchange.Tests.Api;

/// <summary>The handbook: composed by a coordinator, generated in the background, read back with PdfPig and the Open XML SDK.</summary>
public sealed class HandbookTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    private sealed record World(HttpClient Coordinator, HttpClient ItalianEditor, string Publisher, JsonElement Mediation, JsonElement Bulgarian, JsonElement Parents, JsonElement Draft);

    private async Task<World> SetUpAsync()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var italian = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Comune di Ozieri"));
        var bulgarian = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Семеен център София"), "BG");
        var itEditor = await factory.SignInAsPartnerAsync(coordinator, italian.Id);
        var bgEditor = await factory.SignInAsPartnerAsync(coordinator, bulgarian.Id);
        var mediation = await Practices.PublishAsync(itEditor, coordinator, await Practices.CreateAsync(itEditor,
            Practices.Input(italian.Id, Unique.Name("Mediazione familiare nei consultori"))));
        var bgInput = Practices.Input(bulgarian.Id, Unique.Name("Групи за родители"), "bg");
        bgInput["country"] = "BG";
        bgInput["city"] = "София";
        bgInput["text"] = Practices.Text(bgInput["text"]!["name"]!.GetValue<string>(), "Родителите се срещат всяка седмица с психолог.");
        var bg = await Practices.PublishAsync(bgEditor, coordinator, await Practices.CreateAsync(bgEditor, bgInput));
        var parents = await Practices.PublishAsync(itEditor, coordinator, await Practices.CreateAsync(itEditor,
            Practices.Input(italian.Id, Unique.Name("Parents' evenings"), "en")));
        var draft = await Practices.CreateAsync(itEditor, Practices.Input(italian.Id, Unique.Name("Bozza")));
        return new World(coordinator, itEditor, italian.Id, mediation, bg, parents, draft);
    }

    private static JsonObject Composition(World w, params (string Title, string[] Practices)[] chapters) => new()
    {
        ["title"] = "Handbook of European Best Practices",
        ["introductions"] = new JsonArray(
            new JsonObject { ["language"] = "en", ["text"] = "This handbook gathers the practices the partners exchanged.\nRead them, and try them." },
            new JsonObject { ["language"] = "it", ["text"] = "Questo manuale raccoglie le pratiche che i partner si sono scambiati." }),
        ["chapters"] = new JsonArray(chapters.Select(c => (JsonNode)new JsonObject
        {
            ["titles"] = new JsonObject { ["en"] = c.Title, ["it"] = c.Title + " (it)" },
            ["practices"] = new JsonArray(c.Practices.Select(p => (JsonNode)new JsonObject { ["practiceId"] = p }).ToArray()),
        }).ToArray()),
        ["date"] = "2026-06-28",
        ["organisationId"] = w.Publisher,
    };

    private static async Task<JsonElement> GeneratedAsync(HttpClient coordinator, string id, int revision)
    {
        for (var i = 0; i < 240; i++)
        {
            var handbook = await coordinator.GetFromJsonAsync<JsonElement>($"/api/handbooks/{id}");
            var status = handbook.GetProperty("status").GetString();
            if (status == "generated" && handbook.GetProperty("revision").GetInt32() == revision)
            {
                return handbook;
            }
            Assert.True(status != "failed", handbook.GetProperty("lastError").GetString());
            await Task.Delay(250);
        }
        throw new TimeoutException("The handbook was not generated in time.");
    }

    [Fact]
    public async Task A_two_language_handbook_is_generated_as_a_pdf_with_contents_and_page_numbers_and_a_word_file_with_headings()
    {
        var w = await SetUpAsync();
        var created = await w.Coordinator.PostAsJsonAsync("/api/handbooks", Composition(w,
            ("Family mediation", [w.Mediation.Id(), w.Bulgarian.Id()]), ("Parents", [w.Parents.Id()])));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var handbook = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = handbook.GetProperty("id").GetString()!;
        Assert.Equal("draft", handbook.GetProperty("status").GetString());

        await Problem.AssertAsync(await w.Coordinator.PostAsync($"/api/handbooks/{id}/generate", null), HttpStatusCode.PreconditionRequired);
        await Problem.AssertAsync(await TwinningRequests.SendAsync(w.ItalianEditor, HttpMethod.Post, $"/api/handbooks/{id}/generate", null, handbook.GetProperty("etag").GetString()), HttpStatusCode.Forbidden);
        var queued = await TwinningRequests.SendAsync(w.Coordinator, HttpMethod.Post, $"/api/handbooks/{id}/generate", null, handbook.GetProperty("etag").GetString());
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var generated = await GeneratedAsync(w.Coordinator, id, 1);
        Assert.Equal(100, generated.GetProperty("progress").GetInt32());
        var materialId = generated.GetProperty("materialId").GetString()!;

        var library = await Materials.LibraryAsync(factory.CreateBrowserClient(), $"id={materialId}");
        var entry = Assert.Single(library.GetProperty("items").EnumerateArray());
        Assert.Equal(["en", "it"], entry.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("language").GetString()!).Order().ToArray());

        var names = new[] { w.Mediation, w.Bulgarian, w.Parents }.Select(p => p.GetProperty("texts")[0].GetProperty("name").GetString()!).ToArray();
        var pdf = await Materials.DownloadBytesAsync(factory.CreateBrowserClient(), $"/api/materials/{materialId}/versions/en/download");
        using (var document = PdfDocument.Open(pdf))
        {
            var pages = document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(x => x.Text))).ToList();
            Assert.Contains("Handbook of European Best Practices", pages[0].Replace("  ", " "), StringComparison.Ordinal);
            var contents = pages[1];
            Assert.StartsWith("Contents", contents, StringComparison.Ordinal);
            foreach (var name in names.Concat(["Introduction", "Family mediation", "Parents", "Partners"]))
            {
                // Each entry: its title, the dotted leader (not text), and the page it starts on; that page carries the title.
                var match = Regex.Match(contents, Regex.Escape(name) + @"\s+(\d+)");
                Assert.True(match.Success, $"{name} is not in the contents: {contents}");
                var page = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Contains(name, pages[page - 1], StringComparison.Ordinal);
            }
            Assert.Contains("Родителите се срещат всяка седмица с психолог.", pages.Skip(2).Single(p => p.Contains(names[1], StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Contains("Gruppi di parola per genitori separati.", pages.Skip(2).Single(p => p.Contains(names[0], StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Contains("Objectives", pages.Skip(2).Single(p => p.Contains(names[2], StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Contains("Partners", pages[^1], StringComparison.Ordinal);
            Assert.Contains("Bologna, BG", pages[^1], StringComparison.Ordinal);
            // Every page but the cover carries its number; the last one's is the page count.
            Assert.EndsWith(" " + document.NumberOfPages, pages[^1], StringComparison.Ordinal);
            Assert.Equal(1 + 1 + 1 + 2 + 1 + 1, document.NumberOfPages);
        }
        var italianPdf = await Materials.DownloadBytesAsync(factory.CreateBrowserClient(), $"/api/materials/{materialId}/versions/it/download");
        using (var document = PdfDocument.Open(italianPdf))
        {
            Assert.StartsWith("Indice", string.Join(" ", document.GetPage(2).GetWords().Select(x => x.Text)), StringComparison.Ordinal);
            Assert.Contains("Family mediation (it)", string.Join(" ", document.GetPage(2).GetWords().Select(x => x.Text)), StringComparison.Ordinal);
        }

        var word = await w.ItalianEditor.GetAsync($"/api/handbooks/{id}/word/en");
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        using (var docx = WordprocessingDocument.Open(new MemoryStream(await word.Content.ReadAsByteArrayAsync()), false))
        {
            var paragraphs = docx.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();
            string[] Styled(string style) => paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == style).Select(p => p.InnerText).ToArray();
            Assert.Equal(["Introduction", "Family mediation", "Parents", "Partners"], Styled("Heading1"));
            Assert.Equal(names, Styled("Heading2"));
            Assert.Equal(["Handbook of European Best Practices"], Styled("Title"));
            Assert.Contains(docx.MainDocumentPart.Document.Descendants<FieldCode>(), f => f.Text.TrimStart().StartsWith("TOC", StringComparison.Ordinal));
            var styles = docx.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
            Assert.Equal(0, styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
            Assert.Equal(1, styles["Heading2"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        }
        await Problem.AssertAsync(await factory.CreateBrowserClient().GetAsync($"/api/handbooks/{id}/word/en"), HttpStatusCode.Unauthorized);

        // Regenerated after a practice changed: a new revision of the same material, the old one kept.
        var again = await TwinningRequests.SendAsync(w.Coordinator, HttpMethod.Post, $"/api/handbooks/{id}/generate", null, generated.GetProperty("etag").GetString());
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var second = await GeneratedAsync(w.Coordinator, id, 2);
        Assert.Equal(materialId, second.GetProperty("materialId").GetString());
        var material = await w.Coordinator.GetFromJsonAsync<JsonElement>($"/api/materials/{materialId}");
        Assert.Equal(2, material.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("language").GetString() == "en").GetProperty("revision").GetInt32());
        Assert.Contains(material.GetProperty("history").EnumerateArray(), h => h.GetProperty("language").GetString() == "en" && h.GetProperty("revision").GetInt32() == 1);
    }

    [Fact]
    public async Task A_handbook_without_practices_or_with_an_unpublished_one_gets_a_400_naming_it_and_a_failed_generation_keeps_the_previous_revision()
    {
        var w = await SetUpAsync();
        await Problem.AssertFieldsAsync(await w.Coordinator.PostAsJsonAsync("/api/handbooks", Composition(w)), "chapters");
        await Problem.AssertFieldsAsync(await w.Coordinator.PostAsJsonAsync("/api/handbooks", Composition(w, ("Mediation", [w.Mediation.Id(), w.Draft.Id()]))),
            "chapters[0].practices[1].practiceId");
        var noIntro = Composition(w, ("Mediation", [w.Mediation.Id()]));
        noIntro["introductions"] = new JsonArray();
        noIntro["organisationId"] = "nobody";
        await Problem.AssertFieldsAsync(await w.Coordinator.PostAsJsonAsync("/api/handbooks", noIntro), "introductions", "organisationId");
        await Problem.AssertAsync(await w.ItalianEditor.PostAsJsonAsync("/api/handbooks", Composition(w, ("Mediation", [w.Mediation.Id()]))), HttpStatusCode.Forbidden);

        var created = await w.Coordinator.PostAsJsonAsync("/api/handbooks", Composition(w, ("Mediation", [w.Mediation.Id()]), ("Parents", [w.Parents.Id()])));
        var handbook = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = handbook.GetProperty("id").GetString()!;
        await TwinningRequests.SendAsync(w.Coordinator, HttpMethod.Post, $"/api/handbooks/{id}/generate", null, handbook.GetProperty("etag").GetString());
        var first = await GeneratedAsync(w.Coordinator, id, 1);
        var materialId = first.GetProperty("materialId").GetString()!;

        var parents = await w.Coordinator.GetFromJsonAsync<JsonElement>($"/api/practices/{w.Parents.Id()}");
        await Practices.OkAsync(await Practices.SendAsync(w.Coordinator, HttpMethod.Post, $"/api/practices/{w.Parents.Id()}/unpublish", parents.Etag()));
        await Problem.AssertFieldsAsync(await TwinningRequests.SendAsync(w.Coordinator, HttpMethod.Post, $"/api/handbooks/{id}/generate", null, first.GetProperty("etag").GetString()),
            "chapters[1].practices[0].practiceId");

        // A practice unpublished once the work was accepted: the run fails, says why, and the library keeps revision 1.
        var store = factory.Services.GetRequiredService<HandbookStore>();
        var stored = (await store.GetAsync(id, default))!;
        await store.SaveAsync(stored with { Status = HandbookStatus.Queued }, stored.ETag, default);
        await factory.Services.GetRequiredService<HandbookGenerator>().HandleAsync(
            new PendingWorkItem("test", HandbookGenerator.WorkKind, JsonSerializer.Serialize(new { handbookId = id }), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1), 1, DateTimeOffset.UtcNow, null, null, ""), default);
        var failed = await w.Coordinator.GetFromJsonAsync<JsonElement>($"/api/handbooks/{id}");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("no longer published", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, failed.GetProperty("revision").GetInt32());
        var material = await w.Coordinator.GetFromJsonAsync<JsonElement>($"/api/materials/{materialId}");
        Assert.All(material.GetProperty("versions").EnumerateArray(), v => Assert.Equal(1, v.GetProperty("revision").GetInt32()));
    }
}
