using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>The app with a small upload limit and small blocks, so limits and multi-block uploads are cheap to reach.</summary>
public sealed class MaterialsFactory : ExchangeFactory
{
    public const long MaxUploadBytes = 1024 * 1024;
    public const int BlockBytes = 64 * 1024;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Materials:MaxUploadBytes"] = MaxUploadBytes.ToString(),
        ["Materials:UploadBlockBytes"] = BlockBytes.ToString(),
    };
}

/// <summary>Material helpers shared by the material tests.</summary>
public static class Materials
{
    public static JsonObject Input(string organisationId, string title, string language = "it") => new()
    {
        ["organisationId"] = organisationId,
        ["language"] = language,
        ["titles"] = new JsonObject { [language] = title },
        ["description"] = "Un documento del partenariato.",
        ["category"] = "case-study",
        ["year"] = 2015,
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, JsonObject input)
    {
        var response = await client.PostAsJsonAsync("/api/materials", input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string id, string language, byte[] file, string? fileName = "document.pdf", string contentType = "application/pdf")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return UploadAsync(client, id, language, content, fileName);
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string id, string language, HttpContent content, string? fileName = "document.pdf") =>
        client.PutAsync($"/api/materials/{id}/versions/{language}" + (fileName is null ? "" : $"?fileName={Uri.EscapeDataString(fileName)}"), content);

    public static async Task<JsonElement> UploadedAsync(HttpClient client, string id, string language, byte[] file, string? fileName = "document.pdf", string contentType = "application/pdf")
    {
        var response = await UploadAsync(client, id, language, file, fileName, contentType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> LibraryAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/materials?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Text is extracted in the background after an upload; wait until the query finds something.</summary>
    public static async Task<JsonElement> SearchUntilFoundAsync(HttpClient client, string query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await LibraryAsync(client, query);
            if (page.GetProperty("total").GetInt32() > 0 || DateTime.UtcNow > deadline)
            {
                return page;
            }
            await Task.Delay(100);
        }
    }

    public static JsonElement Version(this JsonElement material, string language) =>
        material.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("language").GetString() == language);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

public sealed class MaterialTests(MaterialsFactory factory) : IClassFixture<MaterialsFactory>
{
    private async Task<(HttpClient Coordinator, HttpClient Partner, string OrganisationId)> SetUpAsync()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var partner = await factory.SignInAsPartnerAsync(coordinator, organisation.Id);
        return (coordinator, partner, organisation.Id);
    }

    private async Task<(HttpClient Partner, string OrganisationId, string Id)> MaterialAsync(string language = "it")
    {
        var (_, partner, organisationId) = await SetUpAsync();
        var material = await Materials.CreateAsync(partner, Materials.Input(organisationId, Unique.Name("Materiale"), language));
        return (partner, organisationId, material.Id());
    }

    private async Task<int> CommittedBlobsAsync(string materialId)
    {
        var count = 0;
        await foreach (var _ in factory.Azurite.Blobs.GetBlobContainerClient(StorageNames.MaterialsContainer).GetBlobsAsync(new GetBlobsOptions { Prefix = materialId + "/" }))
        {
            count++;
        }
        return count;
    }

    [Fact]
    public async Task A_partner_publishes_an_original_and_a_translation_and_visitors_find_both_in_the_library()
    {
        var (_, partner, organisationId) = await SetUpAsync();
        var input = Materials.Input(organisationId, "Mediazione familiare in Italia");
        input["titles"]!["en"] = "Family mediation in Italy";
        input["category"] = "practice-report";
        var created = await Materials.CreateAsync(partner, input);
        Assert.Equal("CC-BY-4.0", created.GetProperty("licence").GetString());
        Assert.Empty(created.GetProperty("versions").EnumerateArray());

        var italian = Documents.Pdf("Mediazione familiare", "Un servizio per i genitori che si separano.");
        var english = Documents.Docx("Family mediation", "A service for separating parents.");
        var first = await Materials.UploadAsync(partner, created.Id(), "it", italian, "Mediazione.pdf");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var view = await Materials.UploadedAsync(partner, created.Id(), "en", english, "Mediation.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        var it = view.Version("it");
        Assert.True(it.GetProperty("isOriginal").GetBoolean());
        Assert.Equal(italian.Length, it.GetProperty("size").GetInt64());
        Assert.Equal(Materials.Sha256(italian), it.GetProperty("sha256").GetString());
        Assert.Equal("application/pdf", it.GetProperty("contentType").GetString());
        var en = view.Version("en");
        Assert.Equal("docx", en.GetProperty("type").GetString());
        Assert.Equal(1, en.GetProperty("translatesRevision").GetInt32());
        Assert.False(en.GetProperty("outOfDate").GetBoolean());

        var visitor = factory.CreateClient();
        var page = await Materials.LibraryAsync(visitor, $"organisation={organisationId}&lang=en");
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("practice-report", item.GetProperty("category").GetString());
        Assert.Equal("en", item.GetProperty("preferredLanguage").GetString());
        Assert.Equal("Family mediation in Italy", item.GetProperty("title").GetString());
        Assert.Equal(["en", "it"], item.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("language").GetString()!).ToArray());
        Assert.All(item.GetProperty("versions").EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.GetProperty("downloads").ValueKind));

        var download = await visitor.GetAsync(en.GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(english, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_visitors_language_decides_which_version_is_offered_first()
    {
        var (partner, organisationId, id) = await MaterialAsync("it");
        await Materials.UploadedAsync(partner, id, "it", Documents.Pdf("Italiano"));
        await Materials.UploadedAsync(partner, id, "en", Documents.Pdf("English"));
        await Materials.UploadedAsync(partner, id, "no", Documents.Pdf("Norsk"));
        var visitor = factory.CreateClient();

        async Task<string> Preferred(string query, string? acceptLanguage)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/materials?organisation={organisationId}{query}");
            if (acceptLanguage is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
            }
            var page = JsonDocument.Parse(await (await visitor.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;
            var item = page.GetProperty("items")[0];
            Assert.Equal(item.GetProperty("preferredLanguage").GetString(), item.GetProperty("versions")[0].GetProperty("language").GetString());
            return item.GetProperty("preferredLanguage").GetString()!;
        }

        Assert.Equal("no", await Preferred("", "nb-NO,nb;q=0.9,en;q=0.5"));
        Assert.Equal("en", await Preferred("", "de-DE,de;q=0.9,en;q=0.8"));
        Assert.Equal("en", await Preferred("", "fr"));
        Assert.Equal("it", await Preferred("&lang=it", "en"));
        Assert.Equal("it", await Preferred("", "it-IT"));
    }

    [Fact]
    public async Task The_library_filters_by_language_organisation_category_and_year()
    {
        var (partner, organisationId, id) = await MaterialAsync("it");
        await Materials.UploadedAsync(partner, id, "it", Documents.Pdf("Uno"));
        var other = Materials.Input(organisationId, Unique.Name("Politiche"), "en");
        other["category"] = "policy-paper";
        other["year"] = 2019;
        var second = await Materials.CreateAsync(partner, other);
        await Materials.UploadedAsync(partner, second.Id(), "en", Documents.Pdf("Two"));
        await Materials.CreateAsync(partner, Materials.Input(organisationId, Unique.Name("Senza file")));
        var visitor = factory.CreateClient();

        async Task<string[]> Ids(string query) =>
            (await Materials.LibraryAsync(visitor, $"organisation={organisationId}&{query}")).GetProperty("items").EnumerateArray().Select(i => i.Id()).ToArray();

        Assert.Equal([second.Id(), id], await Ids(""));
        Assert.Equal([id], await Ids("language=it"));
        Assert.Equal([second.Id()], await Ids("category=policy-paper"));
        Assert.Equal([second.Id()], await Ids("year=2019"));
        Assert.Equal([id], await Ids("category=case-study&year=2015&language=it"));
        Assert.Empty(await Ids("language=de"));
        Assert.Equal([id], await Ids($"id={id}"));
        Assert.Equal(3, (await Materials.LibraryAsync(partner, $"organisation={organisationId}&editable=true")).GetProperty("total").GetInt32());

        await Problem.AssertFieldsAsync(await visitor.GetAsync("/api/materials?language=xx&category=poetry&year=soon"), "language", "category", "year");
        await Problem.AssertAsync(await visitor.GetAsync("/api/materials?editable=true"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_bad_field_is_named_and_nothing_is_stored()
    {
        var (_, partner, organisationId) = await SetUpAsync();
        var input = new JsonObject
        {
            ["organisationId"] = organisationId,
            ["language"] = "xx",
            ["titles"] = new JsonObject { ["en"] = "", ["zz"] = "Titolo" },
            ["description"] = new string('d', 4001),
            ["category"] = "poetry",
            ["year"] = 1800,
            ["licence"] = "free as in beer",
            ["relatedPractices"] = new JsonArray("it-nowhere.abcdefghij"),
        };

        var response = await partner.PostAsJsonAsync("/api/materials", input);

        await Problem.AssertFieldsAsync(response, "language", "titles.en", "titles.zz", "description", "category", "year", "licence", "relatedPractices[0]");
        Assert.Equal(0, (await Materials.LibraryAsync(partner, $"organisation={organisationId}&editable=true")).GetProperty("total").GetInt32());

        var missingTitle = Materials.Input(organisationId, "Titolo");
        missingTitle["language"] = "en";
        await Problem.AssertFieldsAsync(await partner.PostAsJsonAsync("/api/materials", missingTitle), "titles.en");
    }

    [Fact]
    public async Task Related_practices_must_exist_and_only_published_ones_are_shown_to_visitors()
    {
        var (coordinator, partner, organisationId) = await SetUpAsync();
        var draft = await Practices.CreateAsync(partner, Practices.Input(organisationId, Unique.Name("Bozza")));
        var published = await Practices.PublishAsync(partner, coordinator, await Practices.CreateAsync(partner, Practices.Input(organisationId, Unique.Name("Pubblica"))));
        var input = Materials.Input(organisationId, Unique.Name("Collegato"));
        input["relatedPractices"] = new JsonArray(draft.Id(), published.Id());
        var material = await Materials.CreateAsync(partner, input);
        await Materials.UploadedAsync(partner, material.Id(), "it", Documents.Pdf("Collegato"));

        var visible = (await Materials.LibraryAsync(factory.CreateClient(), $"organisation={organisationId}")).GetProperty("items")[0];
        Assert.Equal([published.Id()], visible.GetProperty("relatedPractices").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Equal(material.Id(), Assert.Single((await Materials.LibraryAsync(factory.CreateClient(), $"practice={published.Id()}")).GetProperty("items").EnumerateArray()).Id());
        var editor = (await Materials.LibraryAsync(partner, $"organisation={organisationId}")).GetProperty("items")[0];
        Assert.Equal(2, editor.GetProperty("relatedPractices").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_a_stale_edit_is_409()
    {
        var (partner, organisationId, id) = await MaterialAsync();
        await Problem.AssertAsync(await partner.GetAsync("/api/materials/it-nowhere.abcdefghij"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await Practices.SendAsync(partner, HttpMethod.Put, "/api/materials/it-nowhere.abcdefghij", "W/\"datetime'2026-01-01T00%3A00%3A00.0000000Z'\"", Materials.Input(organisationId, "Titolo")), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await Materials.UploadAsync(partner, "it-nowhere.abcdefghij", "it", Documents.Pdf("x")), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await factory.CreateClient().GetAsync("/api/materials/it-nowhere.abcdefghij/versions/it/download"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await factory.CreateClient().GetAsync($"/api/materials/{id}/versions/it/download"), HttpStatusCode.NotFound);

        var current = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        var edited = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/materials/{id}", current.Etag(), Materials.Input(organisationId, "Nuovo titolo")));
        Assert.Equal("Nuovo titolo", edited.GetProperty("titles").GetProperty("it").GetString());
        await Problem.AssertAsync(await Practices.SendAsync(partner, HttpMethod.Put, $"/api/materials/{id}", current.Etag(), Materials.Input(organisationId, "Vecchio")), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await partner.PutAsJsonAsync($"/api/materials/{id}", Materials.Input(organisationId, "Senza ETag")), HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task A_partner_cannot_touch_another_organisations_material()
    {
        var (coordinator, partner, organisationId) = await SetUpAsync();
        var outsider = await factory.SignInAsPartnerAsync(coordinator, (await factory.CreateOrganisationAsync(coordinator)).Id);
        var material = await Materials.CreateAsync(partner, Materials.Input(organisationId, Unique.Name("Nostro")));
        await Materials.UploadedAsync(partner, material.Id(), "it", Documents.Pdf("Nostro"));

        await Problem.AssertAsync(await Materials.UploadAsync(outsider, material.Id(), "it", Documents.Pdf("Altrui")), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await outsider.GetAsync($"/api/materials/{material.Id()}"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await Practices.SendAsync(outsider, HttpMethod.Put, $"/api/materials/{material.Id()}", material.Etag(), Materials.Input(organisationId, "Preso")), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await outsider.GetAsync($"/api/materials/{material.Id()}/versions/it/revisions/1/download"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await outsider.PostAsJsonAsync("/api/materials", Materials.Input(organisationId, "Altrui")), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await Materials.UploadAsync(factory.CreateClient(), material.Id(), "it", Documents.Pdf("Anonimo")), HttpStatusCode.Unauthorized);

        var view = await Practices.OkAsync(await coordinator.GetAsync($"/api/materials/{material.Id()}"));
        Assert.Equal(1, view.GetProperty("versions").GetArrayLength());
        Assert.Equal(1, await CommittedBlobsAsync(material.Id()));
    }

    [Fact]
    public async Task An_executable_renamed_to_pdf_is_refused_by_its_content_and_nothing_is_stored()
    {
        var (partner, _, id) = await MaterialAsync();
        await Problem.AssertAsync(await Materials.UploadAsync(partner, id, "it", Documents.Executable(), "relazione.pdf"), HttpStatusCode.UnsupportedMediaType);
        await Problem.AssertAsync(await Materials.UploadAsync(partner, id, "it", Documents.Zip(), "relazione.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), HttpStatusCode.UnsupportedMediaType);
        await Problem.AssertAsync(await Materials.UploadAsync(partner, id, "it", "Just some text, not a document."u8.ToArray(), "note.pdf"), HttpStatusCode.UnsupportedMediaType);

        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        Assert.Empty(view.GetProperty("versions").EnumerateArray());
        Assert.Equal(0, await CommittedBlobsAsync(id));
    }

    [Fact]
    public async Task Word_and_OpenDocument_files_are_recognised_whatever_their_name()
    {
        var (partner, _, id) = await MaterialAsync();
        var view = await Materials.UploadedAsync(partner, id, "it", Documents.Odt("Testo aperto"), "testo.pdf", "application/octet-stream");
        Assert.Equal("odt", view.Version("it").GetProperty("type").GetString());
        Assert.Equal("application/vnd.oasis.opendocument.text", view.Version("it").GetProperty("contentType").GetString());
        Assert.Equal("testo.pdf.odt", view.Version("it").GetProperty("fileName").GetString());

        view = await Materials.UploadedAsync(partner, id, "en", Documents.Docx("Open text"), "text", "application/octet-stream");
        Assert.Equal("docx", view.Version("en").GetProperty("type").GetString());
        Assert.Equal("text.docx", view.Version("en").GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task An_empty_file_or_an_unknown_language_is_a_bad_request()
    {
        var (partner, _, id) = await MaterialAsync();
        await Problem.AssertFieldsAsync(await Materials.UploadAsync(partner, id, "it", []), "file");
        await Problem.AssertFieldsAsync(await Materials.UploadAsync(partner, id, "it", new ProbeContent(new ProbeStream([], 0, long.MaxValue))), "file");
        await Problem.AssertFieldsAsync(await Materials.UploadAsync(partner, id, "xx", Documents.Pdf("x")), "language");
        await Problem.AssertFieldsAsync(await Materials.UploadAsync(partner, id, "english", Documents.Pdf("x")), "language");
        Assert.Equal(0, await CommittedBlobsAsync(id));
    }

    [Fact]
    public async Task A_declared_size_over_the_limit_is_refused_before_the_body_is_read()
    {
        var (partner, _, id) = await MaterialAsync();
        // The body would fail if the server read past 256 KiB; a 413 shows it never tried.
        var body = new ProbeStream("%PDF-1.7\n"u8.ToArray(), MaterialsFactory.MaxUploadBytes + 1, failAfter: 256 * 1024);
        var content = new ProbeContent(body, declaredLength: MaterialsFactory.MaxUploadBytes + 1);

        var response = await Materials.UploadAsync(partner, id, "it", content);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.True(body.BytesRead < 256 * 1024, $"The server read {body.BytesRead} bytes.");
        Assert.Equal(0, await CommittedBlobsAsync(id));
    }

    [Fact]
    public async Task An_undeclared_size_over_the_limit_is_stopped_while_streaming()
    {
        var (partner, _, id) = await MaterialAsync();
        var body = new ProbeStream("%PDF-1.7\n"u8.ToArray(), 3 * MaterialsFactory.MaxUploadBytes, long.MaxValue);

        var response = await Materials.UploadAsync(partner, id, "it", new ProbeContent(body));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.True(body.BytesRead < 2 * MaterialsFactory.MaxUploadBytes, $"The server read {body.BytesRead} bytes.");
        Assert.Equal(0, await CommittedBlobsAsync(id));
        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        Assert.Empty(view.GetProperty("versions").EnumerateArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_of_many_blocks_arrives_whole_with_or_without_a_declared_length(bool declared)
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.PatternedPdf(5 * MaterialsFactory.BlockBytes + 1234);
        HttpContent content = declared ? new ByteArrayContent(file) : new UnsizedContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        var response = await Materials.UploadAsync(partner, id, "it", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var version = (await response.Content.ReadFromJsonAsync<JsonElement>()).Version("it");
        Assert.Equal(file.Length, version.GetProperty("size").GetInt64());
        Assert.Equal(Materials.Sha256(file), version.GetProperty("sha256").GetString());
        Assert.Equal(file, await factory.CreateClient().GetByteArrayAsync($"/api/materials/{id}/versions/it/download"));
    }

    /// <summary>A body sent without a Content-Length, as a chunked upload is.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("C:\\Users\\maria\\Relazione.PDF", "Relazione.pdf")]
    [InlineData("fattura\u202Efdp.exe", "fatturafdp.exe.pdf")]
    [InlineData("rela\u200Bzione\u200D finale.pdf", "relazione finale.pdf")]
    [InlineData("riga\r\nnuova\t.pdf", "riganuova.pdf")]
    [InlineData("", "document.pdf")]
    [InlineData(null, "document.pdf")]
    [InlineData(" .. ", "document.pdf")]
    public async Task File_names_are_neutralised(string? proposed, string expected)
    {
        var (partner, _, id) = await MaterialAsync();
        var view = await Materials.UploadedAsync(partner, id, "it", Documents.Pdf("Nome"), proposed);
        Assert.Equal(expected, view.Version("it").GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task A_download_names_the_file_in_UTF8_with_an_ASCII_fallback()
    {
        var (partner, _, id) = await MaterialAsync();
        await Materials.UploadedAsync(partner, id, "it", Documents.Pdf("Nome"), "Relazione finale – Città.pdf");

        var response = await factory.CreateClient().GetAsync($"/api/materials/{id}/versions/it/download");

        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Relazione finale – Città.pdf", disposition.FileNameStar);
        Assert.Equal("Relazione finale - Citta.pdf", disposition.FileName?.Trim('"'));
        Assert.Equal("attachment; filename=\"Relazione finale - Citta.pdf\"; filename*=UTF-8''Relazione%20finale%20%E2%80%93%20Citt%C3%A0.pdf",
            response.Content.Headers.GetValues("Content-Disposition").Single());
    }

    [Fact]
    public async Task Replacing_a_file_keeps_the_old_one_in_history_and_marks_translations_out_of_date()
    {
        var (partner, _, id) = await MaterialAsync("it");
        var first = Documents.Pdf("Prima versione");
        var second = Documents.Pdf("Seconda versione");
        await Problem.AssertAsync(await Materials.UploadAsync(partner, id, "en", Documents.Pdf("Too early")), HttpStatusCode.Conflict);
        await Materials.UploadedAsync(partner, id, "it", first, "v1.pdf");
        var translated = await Materials.UploadedAsync(partner, id, "en", Documents.Pdf("First version"), "v1-en.pdf");
        Assert.False(translated.Version("en").GetProperty("outOfDate").GetBoolean());

        var replaced = await Materials.UploadAsync(partner, id, "it", second, "v2.pdf");
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var view = await replaced.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(2, view.Version("it").GetProperty("revision").GetInt32());
        Assert.Equal("v2.pdf", view.Version("it").GetProperty("fileName").GetString());
        Assert.True(view.Version("en").GetProperty("outOfDate").GetBoolean());
        Assert.Equal(1, view.Version("en").GetProperty("translatesRevision").GetInt32());
        var old = Assert.Single(view.GetProperty("history").EnumerateArray());
        Assert.Equal("v1.pdf", old.GetProperty("fileName").GetString());
        Assert.Equal(Materials.Sha256(first), old.GetProperty("sha256").GetString());
        Assert.NotEqual(JsonValueKind.Null, old.GetProperty("replacedAt").ValueKind);

        Assert.Equal(first, await partner.GetByteArrayAsync(old.GetProperty("downloadUrl").GetString()));
        Assert.Equal(second, await factory.CreateClient().GetByteArrayAsync($"/api/materials/{id}/versions/it/download"));
        await Problem.AssertAsync(await factory.CreateClient().GetAsync(old.GetProperty("downloadUrl").GetString()), HttpStatusCode.Unauthorized);
        var listed = (await Materials.LibraryAsync(factory.CreateClient(), $"organisation={view.GetProperty("organisationId").GetString()}")).GetProperty("items")[0];
        Assert.True(listed.Version("en").GetProperty("outOfDate").GetBoolean());

        var updated = await Materials.UploadedAsync(partner, id, "en", Documents.Pdf("Second version"));
        Assert.False(updated.Version("en").GetProperty("outOfDate").GetBoolean());
        Assert.Equal(2, updated.Version("en").GetProperty("translatesRevision").GetInt32());
        Assert.Equal(2, updated.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Two_uploads_racing_for_one_language_end_with_one_current_file_and_the_other_in_history()
    {
        var (partner, _, id) = await MaterialAsync();
        var a = Documents.PatternedPdf(300 * 1024);
        var b = Documents.PatternedPdf(310 * 1024);

        var responses = await Task.WhenAll(Materials.UploadAsync(partner, id, "it", a, "a.pdf"), Materials.UploadAsync(partner, id, "it", b, "b.pdf"));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        var current = Assert.Single(view.GetProperty("versions").EnumerateArray());
        var previous = Assert.Single(view.GetProperty("history").EnumerateArray());
        Assert.Equal(new[] { Materials.Sha256(a), Materials.Sha256(b) }.Order(), new[] { current.GetProperty("sha256").GetString(), previous.GetProperty("sha256").GetString() }.Order());
        Assert.Equal(2, await CommittedBlobsAsync(id));
    }

    [Fact]
    public async Task Parallel_downloads_are_all_counted_and_only_editors_see_the_counts()
    {
        var (partner, organisationId, id) = await MaterialAsync();
        var file = Documents.Pdf("Contami");
        await Materials.UploadedAsync(partner, id, "it", file);
        var visitor = factory.CreateClient();

        var downloads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => visitor.GetByteArrayAsync($"/api/materials/{id}/versions/it/download")));
        Assert.All(downloads, d => Assert.Equal(file, d));

        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        Assert.Equal(20, view.Version("it").GetProperty("downloads").GetInt64());
        var listed = (await Materials.LibraryAsync(partner, $"organisation={organisationId}")).GetProperty("items")[0];
        Assert.Equal(20, listed.Version("it").GetProperty("downloads").GetInt64());
        var coordinator = await factory.SignInAsCoordinatorAsync();
        Assert.Equal(20, (await Materials.LibraryAsync(coordinator, $"organisation={organisationId}")).GetProperty("items")[0].Version("it").GetProperty("downloads").GetInt64());
        Assert.Equal(JsonValueKind.Null, (await Materials.LibraryAsync(visitor, $"organisation={organisationId}")).GetProperty("items")[0].Version("it").GetProperty("downloads").ValueKind);
    }

    [Fact]
    public async Task A_byte_range_is_served_as_206_with_exactly_those_bytes()
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.PatternedPdf(200_000);
        await Materials.UploadedAsync(partner, id, "it", file);
        var url = $"/api/materials/{id}/versions/it/download";
        var visitor = factory.CreateClient();

        async Task<HttpResponseMessage> Get(string range, string? ifRange = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Range", range);
            if (ifRange is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Range", ifRange);
            }
            return await visitor.SendAsync(request);
        }

        var middle = await Get("bytes=1000-1999");
        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal("bytes 1000-1999/200000", middle.Content.Headers.ContentRange!.ToString());
        Assert.Equal(1000, middle.Content.Headers.ContentLength);
        Assert.Equal(file[1000..2000], await middle.Content.ReadAsByteArrayAsync());

        var tail = await Get("bytes=-500");
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal("bytes 199500-199999/200000", tail.Content.Headers.ContentRange!.ToString());
        Assert.Equal(file[^500..], await tail.Content.ReadAsByteArrayAsync());

        var open = await Get("bytes=199990-");
        Assert.Equal(file[199990..], await open.Content.ReadAsByteArrayAsync());

        var beyond = await Get("bytes=200000-");
        await Problem.AssertAsync(beyond, HttpStatusCode.RequestedRangeNotSatisfiable);
        Assert.Equal("bytes */200000", beyond.Content.Headers.ContentRange!.ToString());

        var stale = await Get("bytes=0-9", "\"not-the-current-file\"");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(file, await stale.Content.ReadAsByteArrayAsync());

        var matching = await Get("bytes=0-9", $"\"{Materials.Sha256(file)}\"");
        Assert.Equal(HttpStatusCode.PartialContent, matching.StatusCode);
        Assert.Equal(file[..10], await matching.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_download_carries_an_ETag_and_an_unchanged_file_is_not_sent_again()
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.Pdf("ETag");
        await Materials.UploadedAsync(partner, id, "it", file);
        var url = $"/api/materials/{id}/versions/it/download";
        var visitor = factory.CreateClient();

        var first = await visitor.GetAsync(url);
        var etag = first.Headers.ETag!;
        Assert.Equal($"\"{Materials.Sha256(file)}\"", etag.Tag);
        Assert.Equal("bytes", first.Headers.AcceptRanges.Single());

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await visitor.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await Materials.UploadedAsync(partner, id, "it", Documents.Pdf("ETag, seconda versione"));
        using var afterReplace = new HttpRequestMessage(HttpMethod.Get, url);
        afterReplace.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await visitor.SendAsync(afterReplace)).StatusCode);
        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        Assert.Equal(1, view.GetProperty("history")[0].GetProperty("downloads").GetInt64());
    }

    [Fact]
    public async Task A_word_found_only_inside_a_document_finds_the_material_and_names_the_version()
    {
        var (partner, _, id) = await MaterialAsync("it");
        var pdfWord = "zq" + Guid.NewGuid().ToString("N")[..10];
        var docxWord = "zw" + Guid.NewGuid().ToString("N")[..10];
        await Materials.UploadedAsync(partner, id, "it", Documents.Pdf("Relazione sulla mediazione familiare", $"Parola nascosta: {pdfWord}. Citta di Ozieri."));
        await Materials.UploadedAsync(partner, id, "en", Documents.Docx("Report on family mediation", $"Hidden word: {docxWord}."), "report.docx");
        var visitor = factory.CreateClient();

        var found = await Materials.SearchUntilFoundAsync(visitor, $"q={pdfWord.ToUpperInvariant()}");
        var item = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.Id());
        Assert.Equal(["it"], item.GetProperty("matchedLanguages").EnumerateArray().Select(l => l.GetString()!).ToArray());

        var inWord = await Materials.SearchUntilFoundAsync(visitor, $"q={docxWord}");
        Assert.Equal(["en"], Assert.Single(inWord.GetProperty("items").EnumerateArray()).GetProperty("matchedLanguages").EnumerateArray().Select(l => l.GetString()!).ToArray());

        var accented = await Materials.LibraryAsync(visitor, $"q={pdfWord}+CITT%C3%80");
        Assert.Equal(1, accented.GetProperty("total").GetInt32());
        Assert.Equal(0, (await Materials.LibraryAsync(visitor, $"q={pdfWord}+{docxWord}")).GetProperty("items").EnumerateArray().Count(i => i.GetProperty("matchedLanguages").GetArrayLength() > 0));
        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        Assert.All(view.GetProperty("versions").EnumerateArray(), v => Assert.Equal("searchable", v.GetProperty("textStatus").GetString()));
    }

    [Fact]
    public async Task Upload_settings_tell_the_page_what_it_may_send()
    {
        var settings = await Practices.OkAsync(await factory.CreateClient().GetAsync("/api/materials/settings"));
        Assert.Equal(["pdf", "docx", "odt"], settings.GetProperty("allowedTypes").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(MaterialsFactory.MaxUploadBytes, settings.GetProperty("maxUploadBytes").GetInt64());
        Assert.Contains("final-publication", settings.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }
}

/// <summary>Sends a <see cref="ProbeStream"/> as the body, with or without a declared length (chunked when without).</summary>
public sealed class ProbeContent(ProbeStream stream, long? declaredLength = null) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream target, System.Net.TransportContext? context) => stream.CopyToAsync(target, 16 * 1024);

    protected override bool TryComputeLength(out long length)
    {
        length = declaredLength ?? 0;
        return declaredLength is not null;
    }
}
