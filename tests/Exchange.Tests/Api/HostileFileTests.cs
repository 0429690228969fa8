using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>The app as its own process on its own storage, so what its indexer does to its files is all that happens to them.</summary>
public sealed class HostileFilesFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;
    public StandaloneApp App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartIsolatedAsync();
        App = await StandaloneApp.StartAsync(Azurite);
        (Client, _) = await App.SignInAsCoordinatorAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

/// <summary>Shared steps of the hostile-file tests: upload a file as a partner would, wait for its reader's verdict.</summary>
public static class HostileFiles
{
    public static readonly IReadOnlyDictionary<string, Func<byte[]>> Files = new Dictionary<string, Func<byte[]>>
    {
        ["self-referencing.pdf"] = HostileDocuments.SelfReferencingPdf,
        ["deeply-nested.pdf"] = () => HostileDocuments.DeeplyNestedPdf(),
        ["stream-bomb.pdf"] = () => HostileDocuments.DecompressionBombPdf(),
        ["zip-bomb.docx"] = () => HostileDocuments.ZipBombDocx(),
        ["xxe.docx"] = HostileDocuments.XxeDocx,
        ["xxe.odt"] = HostileDocuments.XxeOdt,
        ["password.pdf"] = () => TextDocuments.CorpusFile("libreoffice-writer-password.pdf"),
        ["encrypted.odt"] = TextDocuments.EncryptedOdt,
        ["password.docx"] = () => TextDocuments.CorpusFile("msoffcrypto-example-password.docx"),
        ["standard-encryption.docx"] = () => TextDocuments.CorpusFile("msoffcrypto-ecma376-standard-password.docx"),
    };

    public static async Task<string> CreateMaterialAsync(HttpClient client)
    {
        var organisation = await client.PostAsJsonAsync("/api/organisations", new
        {
            name = Unique.Name("Centro"), country = "IT", city = "Ozieri", kind = "family-centre", website = (string?)null, description = "",
        });
        organisation.EnsureSuccessStatusCode();
        var organisationId = (await organisation.Content.ReadFromJsonAsync<JsonElement>()).Id();
        return (await Materials.CreateAsync(client, Materials.Input(organisationId, Unique.Name("Materiale"), "en"))).Id();
    }

    /// <summary>Polls the editor's view until the version's text status is no longer "reading".</summary>
    public static async Task<JsonElement> SettledVersionAsync(HttpClient client, string id, string language, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var view = await Practices.OkAsync(await client.GetAsync($"/api/materials/{id}"));
            var version = view.Version(language);
            if (version.GetProperty("textStatus").GetString() != "reading" || DateTime.UtcNow > deadline)
            {
                return version;
            }
            await Task.Delay(200);
        }
    }

    public static async Task<TableEntity> TextRecordAsync(Azurite azurite, string id, string language) =>
        (await azurite.Tables.GetTableClient(StorageNames.MaterialTextTable).GetEntityAsync<TableEntity>(id, language)).Value;

    public static async Task AssertServingAsync(StandaloneApp app)
    {
        Assert.False(app.Process.HasExited, app.Process.Output);
        using var probe = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/api/health")).StatusCode);
    }
}

/// <summary>
/// Files made to break document readers, uploaded through the API to the app as a separate
/// process. Each is stored and served, its version is marked not searchable with the reason,
/// the attempt is counted, and the server is still up and answering afterwards.
/// </summary>
public sealed class HostileFileTests(HostileFilesFixture fixture) : IClassFixture<HostileFilesFixture>
{
    [Theory]
    [InlineData("self-referencing.pdf", "too-complex")]
    [InlineData("deeply-nested.pdf", "too-complex")]
    [InlineData("stream-bomb.pdf", "too-large")]
    [InlineData("zip-bomb.docx", "too-large")]
    [InlineData("xxe.docx", "damaged")]
    [InlineData("xxe.odt", "damaged")]
    [InlineData("password.pdf", "password-protected")]
    [InlineData("encrypted.odt", "password-protected")]
    [InlineData("password.docx", "password-protected")]
    [InlineData("standard-encryption.docx", "password-protected")]
    public async Task A_hostile_file_is_stored_and_served_and_marked_not_searchable_while_the_server_stays_up(string name, string reason)
    {
        var client = fixture.Client;
        var id = await HostileFiles.CreateMaterialAsync(client);
        var file = HostileFiles.Files[name]();
        var upload = await Materials.UploadAsync(client, id, "en", file, name, "application/octet-stream");
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());

        var version = await HostileFiles.SettledVersionAsync(client, id, "en", TimeSpan.FromSeconds(120));
        Assert.Equal("not-searchable", version.GetProperty("textStatus").GetString());
        Assert.Equal(reason, version.GetProperty("textProblem").GetString());
        var record = await HostileFiles.TextRecordAsync(fixture.Azurite, id, "en");
        Assert.Equal(1, record.GetInt32("Attempts"));

        await HostileFiles.AssertServingAsync(fixture.App);
        var download = await client.GetAsync($"/api/materials/{id}/versions/en/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(file.Length, (await download.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task A_good_file_after_the_hostile_ones_is_searchable()
    {
        var client = fixture.Client;
        var id = await HostileFiles.CreateMaterialAsync(client);
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        await Materials.UploadedAsync(client, id, "en", TextDocuments.DocxInEveryPart("corpo", "intestazione", "piede", "nota", "fine", "commento", word, "nuovo", "vecchio"), "report.docx");

        var version = await HostileFiles.SettledVersionAsync(client, id, "en", TimeSpan.FromSeconds(60));
        Assert.Equal("searchable", version.GetProperty("textStatus").GetString());
        Assert.Equal(JsonValueKind.Null, version.GetProperty("textProblem").ValueKind);
        var found = await Materials.SearchUntilFoundAsync(client, $"q={word}");
        Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(0, (await Materials.LibraryAsync(client, "q=vecchio&id=" + id)).GetProperty("total").GetInt32());
        await HostileFiles.AssertServingAsync(fixture.App);
    }
}

/// <summary>A file that fails is tried again at most once after a restart, and then never again, so it cannot crash-loop anything.</summary>
public sealed class HostileFileRestartTests
{
    [Fact]
    public async Task A_file_that_failed_twice_is_not_read_again_at_start()
    {
        await using var azurite = await Azurite.StartIsolatedAsync();
        string id;
        await using (var first = await StandaloneApp.StartAsync(azurite))
        {
            var (client, _) = await first.SignInAsCoordinatorAsync();
            id = await HostileFiles.CreateMaterialAsync(client);
            await Materials.UploadedAsync(client, id, "en", HostileDocuments.SelfReferencingPdf(), "loop.pdf");
            var version = await HostileFiles.SettledVersionAsync(client, id, "en", TimeSpan.FromSeconds(60));
            Assert.Equal("too-complex", version.GetProperty("textProblem").GetString());
            Assert.Equal(1, (await HostileFiles.TextRecordAsync(azurite, id, "en")).GetInt32("Attempts"));
        }

        await using (var second = await StandaloneApp.StartAsync(azurite))
        {
            Assert.True(await second.LoggedAsync("Queued 1 files whose text is still to be read", TimeSpan.FromSeconds(60)), second.Process.Output);
            Assert.True(await second.LoggedAsync($"material {id} is not searchable (TooComplex, attempt 2)", TimeSpan.FromSeconds(60)), second.Process.Output);
            Assert.Equal(2, (await HostileFiles.TextRecordAsync(azurite, id, "en")).GetInt32("Attempts"));
            await HostileFiles.AssertServingAsync(second);
        }

        await using var third = await StandaloneApp.StartAsync(azurite);
        Assert.True(await third.LoggedAsync("Queued 0 files whose text is still to be read", TimeSpan.FromSeconds(60)), third.Process.Output);
        var record = await HostileFiles.TextRecordAsync(azurite, id, "en");
        Assert.Equal(2, record.GetInt32("Attempts"));
        Assert.Equal("NotSearchable", record.GetString("Status"));
        await HostileFiles.AssertServingAsync(third);
    }
}
