using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Exchange.Tests.Api;

/// <summary>
/// The app with a small upload limit and small blocks, so limits and multi-block uploads are cheap
/// to reach; everything it logs, at every level, is kept to be searched.
/// </summary>
public sealed class MaterialsFactory : ExchangeFactory
{
    public const long MaxUploadBytes = 1024 * 1024;
    public const int BlockBytes = 64 * 1024;

    public LogCapture Logs { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Materials:MaxUploadBytes"] = MaxUploadBytes.ToString(),
        ["Materials:UploadBlockBytes"] = BlockBytes.ToString(),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }
}

/// <summary>Every message every logger writes, with its exception.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._messages.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>Materials through the API on Azurite: slots, the browser's direct transfers, commits, and downloads by redirect.</summary>
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

    /// <summary>A visitor: no session, and redirects are looked at, not followed into the in-memory server.</summary>
    private HttpClient Visitor() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<int> CommittedBlobsAsync(string materialId, BlobStates states = BlobStates.None)
    {
        return await factory.Azurite.Blobs.GetBlobContainerClient(StorageNames.MaterialsContainer).GetBlobsAsync(new GetBlobsOptions { Prefix = materialId + "/", States = states }).CountAsync();
    }

    private async Task<int> SlotsAsync(string materialId)
    {
        return await factory.Azurite.Tables.GetTableClient(StorageNames.MaterialUploadsTable).QueryAsync<TableEntity>(e => e.PartitionKey == materialId).CountAsync();
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
        Assert.Equal($"/api/materials/{created.Id()}/versions/it/download", first.Headers.Location?.OriginalString);
        var view = await Materials.UploadedAsync(partner, created.Id(), "en", english, "Mediation.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        var it = view.Version("it");
        Assert.True(it.GetProperty("isOriginal").GetBoolean());
        Assert.Equal(italian.Length, it.GetProperty("size").GetInt64());
        Assert.Equal("application/pdf", it.GetProperty("contentType").GetString());
        Assert.Equal($"/api/materials/{created.Id()}/versions/it/download?disposition=inline", it.GetProperty("readUrl").GetString());
        var en = view.Version("en");
        Assert.Equal("docx", en.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, en.GetProperty("readUrl").ValueKind);
        Assert.Equal(1, en.GetProperty("translatesRevision").GetInt32());
        Assert.False(en.GetProperty("outOfDate").GetBoolean());

        var visitor = Visitor();
        var page = await Materials.LibraryAsync(visitor, $"organisation={organisationId}&lang=en");
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("practice-report", item.GetProperty("category").GetString());
        Assert.Equal("en", item.GetProperty("preferredLanguage").GetString());
        Assert.Equal("Family mediation in Italy", item.GetProperty("title").GetString());
        Assert.Equal(["en", "it"], item.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("language").GetString()!).ToArray());
        Assert.All(item.GetProperty("versions").EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.GetProperty("downloads").ValueKind));

        var download = await Materials.DownloadAsync(visitor, en.GetProperty("downloadUrl").GetString()!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(english, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_SHA256_is_computed_from_the_stored_bytes_after_the_commit()
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.PatternedPdf(3 * MaterialsFactory.BlockBytes + 17);

        var committed = await Materials.UploadedAsync(partner, id, "it", file);

        Assert.Equal(file.Length, committed.Version("it").GetProperty("size").GetInt64());
        Assert.Equal(Materials.Sha256(file), (await Materials.HashedAsync(partner, id, "it")).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_a_stale_edit_is_409()
    {
        var (partner, organisationId, id) = await MaterialAsync();
        await Problem.AssertAsync(await partner.GetAsync("/api/materials/it-nowhere.abcdefghij"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await Practices.SendAsync(partner, HttpMethod.Put, "/api/materials/it-nowhere.abcdefghij", "W/\"datetime'2026-01-01T00%3A00%3A00.0000000Z'\"", Materials.Input(organisationId, "Titolo")), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await Materials.OpenSlotAsync(partner, "it-nowhere.abcdefghij", "it", new { fileName = "x.pdf", size = 100 }), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await Visitor().GetAsync("/api/materials/it-nowhere.abcdefghij/versions/it/download"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await Visitor().GetAsync($"/api/materials/{id}/versions/it/download"), HttpStatusCode.NotFound);

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
        var slot = await Materials.SlotAsync(partner, material.Id(), "it", 1000);

        await Problem.AssertAsync(await Materials.OpenSlotAsync(outsider, material.Id(), "it", new { fileName = "altrui.pdf", size = 1000 }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await Materials.CommitAsync(outsider, slot), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await outsider.GetAsync($"/api/materials/{material.Id()}"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await Practices.SendAsync(outsider, HttpMethod.Put, $"/api/materials/{material.Id()}", material.Etag(), Materials.Input(organisationId, "Preso")), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await outsider.GetAsync($"/api/materials/{material.Id()}/versions/it/revisions/1/download"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await outsider.PostAsJsonAsync("/api/materials", Materials.Input(organisationId, "Altrui")), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await Materials.OpenSlotAsync(Visitor(), material.Id(), "it", new { fileName = "anonimo.pdf", size = 1000 }), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await Materials.CommitAsync(Visitor(), slot), HttpStatusCode.Unauthorized);

        var view = await Practices.OkAsync(await coordinator.GetAsync($"/api/materials/{material.Id()}"));
        Assert.Equal(1, view.GetProperty("versions").GetArrayLength());
        Assert.Equal(1, await CommittedBlobsAsync(material.Id()));
    }

    [Fact]
    public async Task A_slot_is_refused_for_a_bad_language_size_or_name_before_anything_is_stored()
    {
        var (partner, _, id) = await MaterialAsync("it");

        await Problem.AssertFieldsAsync(await Materials.OpenSlotAsync(partner, id, "xx", new { fileName = "a.pdf", size = 100 }), "language");
        await Problem.AssertFieldsAsync(await Materials.OpenSlotAsync(partner, id, "english", new { fileName = "a.pdf", size = 100 }), "language");
        await Problem.AssertFieldsAsync(await Materials.OpenSlotAsync(partner, id, "it", new { fileName = "a.pdf", size = 0 }), "size");
        await Problem.AssertFieldsAsync(await Materials.OpenSlotAsync(partner, id, "it", new { fileName = "a.pdf" }), "size");
        await Problem.AssertFieldsAsync(await Materials.OpenSlotAsync(partner, id, "it", new { fileName = new string('a', 1001), size = 10 }), "fileName");
        await Problem.AssertFieldsAsync(await Materials.OpenSlotAsync(partner, id, "it", new { fileName = "a.pdf", size = "big" }), "size");
        await Problem.AssertAsync(await Materials.OpenSlotAsync(partner, id, "it", new { fileName = "a.pdf", size = MaterialsFactory.MaxUploadBytes + 1 }),
            HttpStatusCode.RequestEntityTooLarge);
        await Problem.AssertAsync(await partner.PostAsync($"/api/materials/{id}/versions/it/uploads", new StringContent("%PDF-1.7", null, "application/pdf")),
            HttpStatusCode.UnsupportedMediaType);
        // A translation needs the original first, so its slot is refused too.
        await Problem.AssertAsync(await Materials.OpenSlotAsync(partner, id, "en", new { fileName = "a.pdf", size = 100 }), HttpStatusCode.Conflict);

        Assert.Equal(0, await SlotsAsync(id));
        Assert.Equal(0, await CommittedBlobsAsync(id, BlobStates.Uncommitted));
    }

    [Fact]
    public async Task A_slot_is_a_write_only_SAS_for_one_fresh_blob_that_expires_within_15_minutes()
    {
        var (partner, _, id) = await MaterialAsync();
        var before = DateTimeOffset.UtcNow;
        var first = await Materials.SlotAsync(partner, id, "it", 1000, "relazione.pdf");
        var second = await Materials.SlotAsync(partner, id, "it", 1000, "relazione.pdf");
        var url = new Uri(first.GetProperty("uploadUrl").GetString()!);
        var other = new Uri(second.GetProperty("uploadUrl").GetString()!);

        Assert.StartsWith(factory.Azurite.Blobs.Uri.AbsoluteUri, url.AbsoluteUri, StringComparison.Ordinal);
        Assert.NotEqual(url.AbsolutePath, other.AbsolutePath);
        Assert.Contains($"/materials/{id}/it/", url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("w", url.Query("sp"));
        Assert.Equal("b", url.Query("sr"));
        var expires = DateTimeOffset.Parse(url.Query("se")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, before.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(15));
        Assert.Equal(expires, first.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(MaterialsFactory.BlockBytes, first.GetProperty("blockSize").GetInt32());
        Assert.Equal($"/api/materials/{id}/versions/it/uploads/{first.GetProperty("slot").GetString()}/commit", first.GetProperty("commitUrl").GetString());

        var block = new ByteArrayContent(Documents.Pdf("Blocco"));
        var blockId = Uri.EscapeDataString(Materials.BlockId(0));
        Assert.Equal(HttpStatusCode.Created, (await Materials.Storage.PutAsync($"{url}&comp=block&blockid={blockId}", block)).StatusCode);
        // The SAS cannot read its own blob, nor write another one in the same folder.
        Assert.Equal(HttpStatusCode.Forbidden, (await Materials.Storage.GetAsync(url)).StatusCode);
        var elsewhere = new UriBuilder(url) { Path = other.AbsolutePath }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await Materials.Storage.PutAsync($"{elsewhere}&comp=block&blockid={blockId}", new ByteArrayContent([1, 2, 3]))).StatusCode);
        var sibling = new UriBuilder(url) { Path = url.AbsolutePath + "-2" }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await Materials.Storage.PutAsync($"{sibling}&comp=block&blockid={blockId}", new ByteArrayContent([1, 2, 3]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Materials.Storage.DeleteAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_download_SAS_reads_one_file_only_and_cannot_write()
    {
        var (partner, _, id) = await MaterialAsync();
        await Materials.UploadedAsync(partner, id, "it", Documents.Pdf("Prima"));
        var (otherPartner, _, other) = await MaterialAsync();
        await Materials.UploadedAsync(otherPartner, other, "it", Documents.Pdf("Altro"));
        var before = DateTimeOffset.UtcNow;

        var read = await Materials.RedirectAsync(Visitor(), $"/api/materials/{id}/versions/it/download");
        var otherRead = await Materials.RedirectAsync(Visitor(), $"/api/materials/{other}/versions/it/download");

        Assert.Equal("r", read.Query("sp"));
        Assert.Equal("bs", read.Query("sr"));
        Assert.NotNull(read.Query("snapshot"));
        Assert.InRange(DateTimeOffset.Parse(read.Query("se")!, System.Globalization.CultureInfo.InvariantCulture),
            before.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await Materials.Storage.GetAsync(read)).StatusCode);
        var elsewhere = new UriBuilder(read) { Path = otherRead.AbsolutePath, Query = read.Query.TrimStart('?').Replace($"snapshot={Uri.EscapeDataString(read.Query("snapshot")!)}",
            $"snapshot={Uri.EscapeDataString(otherRead.Query("snapshot")!)}", StringComparison.Ordinal) }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await Materials.Storage.GetAsync(elsewhere)).StatusCode);
        var baseBlob = new UriBuilder(read) { Query = string.Join('&', read.Query.TrimStart('?').Split('&').Where(p => !p.StartsWith("snapshot=", StringComparison.Ordinal))) }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await Materials.Storage.GetAsync(baseBlob)).StatusCode);
        var write = await Materials.Storage.PutAsync($"{baseBlob}&comp=block&blockid={Uri.EscapeDataString(Materials.BlockId(0))}", new ByteArrayContent([1, 2, 3]));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Materials.Storage.DeleteAsync(read)).StatusCode);
    }

    [Fact]
    public async Task What_a_slot_writes_after_the_commit_does_not_change_the_stored_file()
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.Pdf("Originale");
        var slot = await Materials.SlotAsync(partner, id, "it", file.Length);
        var uploadUrl = slot.GetProperty("uploadUrl").GetString()!;
        await Materials.PutBlocksAsync(uploadUrl, file, MaterialsFactory.BlockBytes);
        Assert.Equal(HttpStatusCode.Created, (await Materials.CommitAsync(partner, slot)).StatusCode);

        // The SAS is still valid: the blob it names can be rewritten, but the version is its snapshot.
        await Materials.PutBlocksAsync(uploadUrl, Documents.Executable(), MaterialsFactory.BlockBytes);

        Assert.Equal(file, await Materials.DownloadBytesAsync(Visitor(), $"/api/materials/{id}/versions/it/download"));
        Assert.Equal(Materials.Sha256(file), (await Materials.HashedAsync(partner, id, "it")).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task An_executable_renamed_to_pdf_is_refused_by_its_content_and_deleted()
    {
        var (partner, _, id) = await MaterialAsync();
        await Problem.AssertAsync(await Materials.UploadAsync(partner, id, "it", Documents.Executable(), "relazione.pdf"), HttpStatusCode.UnsupportedMediaType);
        await Problem.AssertAsync(await Materials.UploadAsync(partner, id, "it", Documents.Zip(), "relazione.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), HttpStatusCode.UnsupportedMediaType);
        await Problem.AssertAsync(await Materials.UploadAsync(partner, id, "it", "Just some text, not a document."u8.ToArray(), "note.pdf"), HttpStatusCode.UnsupportedMediaType);
        // A Word file cut short: its first bytes are right, its central directory is gone.
        var docx = Documents.Docx("Troncato");
        await Problem.AssertAsync(await Materials.UploadAsync(partner, id, "it", docx[..(docx.Length / 2)], "troncato.docx"), HttpStatusCode.UnsupportedMediaType);
        // A legacy binary Word file is an OLE compound file like a password-protected one, without its encrypted package.
        await Problem.AssertAsync(await Materials.UploadAsync(partner, id, "it", TextDocuments.CorpusFile("msoffcrypto-plain.doc"), "vecchio.docx"), HttpStatusCode.UnsupportedMediaType);
        var encrypted = TextDocuments.CorpusFile("msoffcrypto-example-password.docx");
        await Problem.AssertAsync(await Materials.UploadAsync(partner, id, "it", encrypted[..4096], "tagliato.docx"), HttpStatusCode.UnsupportedMediaType);

        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        Assert.Empty(view.GetProperty("versions").EnumerateArray());
        Assert.Equal(0, await CommittedBlobsAsync(id, BlobStates.Uncommitted | BlobStates.Snapshots));
        Assert.Equal(0, await SlotsAsync(id));
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_is_refused_at_the_commit_whatever_the_slot_announced_and_deleted()
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.PatternedPdf((int)MaterialsFactory.MaxUploadBytes + 1);
        var slot = await Materials.SlotAsync(partner, id, "it", 1000);
        await Materials.PutBlocksAsync(slot.GetProperty("uploadUrl").GetString()!, file, MaterialsFactory.BlockBytes);

        await Problem.AssertAsync(await Materials.CommitAsync(partner, slot), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(0, await CommittedBlobsAsync(id, BlobStates.Uncommitted | BlobStates.Snapshots));
        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        Assert.Empty(view.GetProperty("versions").EnumerateArray());
        await Problem.AssertAsync(await Materials.CommitAsync(partner, slot), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_commit_before_the_file_is_uploaded_is_a_bad_request_and_the_slot_stays_usable()
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.Pdf("Dopo");
        var slot = await Materials.SlotAsync(partner, id, "it", file.Length);
        var uploadUrl = slot.GetProperty("uploadUrl").GetString()!;

        await Problem.AssertFieldsAsync(await Materials.CommitAsync(partner, slot), "file");
        // Blocks without their list are not a file either.
        var blockId = Uri.EscapeDataString(Materials.BlockId(0));
        Assert.Equal(HttpStatusCode.Created, (await Materials.Storage.PutAsync($"{uploadUrl}&comp=block&blockid={blockId}", new ByteArrayContent(file))).StatusCode);
        await Problem.AssertFieldsAsync(await Materials.CommitAsync(partner, slot), "file");

        await Materials.PutBlocksAsync(uploadUrl, file, MaterialsFactory.BlockBytes);
        Assert.Equal(HttpStatusCode.Created, (await Materials.CommitAsync(partner, slot)).StatusCode);
        Assert.Equal(file, await Materials.DownloadBytesAsync(Visitor(), $"/api/materials/{id}/versions/it/download"));
        Assert.Equal(0, await SlotsAsync(id));
    }

    [Fact]
    public async Task An_empty_file_is_a_bad_request_and_is_deleted()
    {
        var (partner, _, id) = await MaterialAsync();
        var slot = await Materials.SlotAsync(partner, id, "it", 100);
        using var empty = new HttpRequestMessage(HttpMethod.Put, slot.GetProperty("uploadUrl").GetString() + "&comp=blocklist")
        {
            Content = new StringContent("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList></BlockList>"),
        };
        Assert.Equal(HttpStatusCode.Created, (await Materials.Storage.SendAsync(empty)).StatusCode);

        await Problem.AssertFieldsAsync(await Materials.CommitAsync(partner, slot), "file");

        Assert.Equal(0, await CommittedBlobsAsync(id, BlobStates.Uncommitted | BlobStates.Snapshots));
    }

    [Fact]
    public async Task An_unknown_slot_or_one_for_another_language_cannot_be_committed()
    {
        var (partner, _, id) = await MaterialAsync();
        var slot = await Materials.SlotAsync(partner, id, "it", 100);
        var name = slot.GetProperty("slot").GetString()!;

        await Problem.AssertAsync(await partner.PostAsync($"/api/materials/{id}/versions/it/uploads/20260101000000-nosuchslot/commit", null), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await partner.PostAsync($"/api/materials/{id}/versions/it/uploads/..%2F..%2Fetc/commit", null), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await partner.PostAsync($"/api/materials/{id}/versions/en/uploads/{name}/commit", null), HttpStatusCode.NotFound);
        await Problem.AssertFieldsAsync(await partner.PostAsync($"/api/materials/{id}/versions/xx/uploads/{name}/commit", null), "language");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task A_file_of_one_or_many_blocks_arrives_whole(int blocks)
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.PatternedPdf(((blocks - 1) * MaterialsFactory.BlockBytes) + 1234);

        var response = await Materials.UploadAsync(partner, id, "it", file);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(file.Length, (await response.Content.ReadFromJsonAsync<JsonElement>()).Version("it").GetProperty("size").GetInt64());
        Assert.Equal(file, await Materials.DownloadBytesAsync(Visitor(), $"/api/materials/{id}/versions/it/download"));
    }

    [Fact]
    public async Task A_script_sends_a_small_file_in_one_request_to_the_slot_as_the_README_shows()
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.Pdf("Da uno script");
        var slot = await Materials.SlotAsync(partner, id, "it", file.Length, "Da uno script.pdf");

        // curl -T file.pdf -H 'x-ms-blob-type: BlockBlob' "$UPLOAD_URL"
        using var put = new HttpRequestMessage(HttpMethod.Put, slot.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(file) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Created, (await Materials.Storage.SendAsync(put)).StatusCode);
        var committed = await Materials.CommitAsync(partner, slot);

        Assert.Equal(HttpStatusCode.Created, committed.StatusCode);
        Assert.Equal(file, await Materials.DownloadBytesAsync(Visitor(), $"/api/materials/{id}/versions/it/download"));
    }

    [Fact]
    public async Task A_download_is_a_redirect_to_storage_that_names_the_file_in_UTF8_with_an_ASCII_fallback()
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.Pdf("Nome");
        await Materials.UploadedAsync(partner, id, "it", file, "Relazione finale – Città.pdf");
        var url = $"/api/materials/{id}/versions/it/download";

        var redirect = await Visitor().GetAsync(url);

        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.True(redirect.Headers.CacheControl?.NoStore);
        var location = redirect.Headers.Location!;
        Assert.StartsWith($"{factory.Azurite.Blobs.Uri.AbsoluteUri.TrimEnd('/')}/materials/{id}/it/", location.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("application/pdf", location.Query("rsct"));
        const string disposition = "attachment; filename=\"Relazione finale - Citta.pdf\"; filename*=UTF-8''Relazione%20finale%20%E2%80%93%20Citt%C3%A0.pdf";
        Assert.Equal(disposition, location.Query("rscd"));

        var response = await Materials.Storage.GetAsync(location);
        Assert.Equal(file, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(disposition, response.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Equal("Relazione finale – Città.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);

        // HEAD answers the same redirect; a bad disposition names the field.
        Assert.Equal(location.AbsolutePath, (await Materials.RedirectAsync(Visitor(), url, HttpMethod.Head)).AbsolutePath);
        await Problem.AssertFieldsAsync(await Visitor().GetAsync(url + "?disposition=download"), "disposition");
    }

    [Fact]
    public async Task No_SAS_is_ever_logged()
    {
        var (partner, _, id) = await MaterialAsync();
        var slot = await Materials.SlotAsync(partner, id, "it", 1000);
        await Materials.PutBlocksAsync(slot.GetProperty("uploadUrl").GetString()!, Documents.Pdf("Segreto"), MaterialsFactory.BlockBytes);
        await Materials.CommitAsync(partner, slot);
        var download = await Materials.RedirectAsync(Visitor(), $"/api/materials/{id}/versions/it/download?disposition=inline");

        var signatures = new[] { new Uri(slot.GetProperty("uploadUrl").GetString()!).Query("sig")!, download.Query("sig")! };
        Assert.NotEmpty(factory.Logs.Messages);
        Assert.Contains(factory.Logs.Messages, m => m.Contains(slot.GetProperty("slot").GetString()!, StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Messages, m => signatures.Any(sig => m.Contains(sig, StringComparison.Ordinal) ||
            m.Contains(Uri.EscapeDataString(sig), StringComparison.Ordinal)) || m.Contains("sig=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Read_opens_a_PDF_inline_and_other_types_are_still_downloaded()
    {
        var (partner, _, id) = await MaterialAsync();
        await Materials.UploadedAsync(partner, id, "it", Documents.Pdf("Da leggere"), "Da leggere.pdf");
        await Materials.UploadedAsync(partner, id, "en", Documents.Docx("To read"), "To read.docx");
        var pdf = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));

        var inline = await Materials.DownloadAsync(Visitor(), pdf.Version("it").GetProperty("readUrl").GetString()!);
        var docx = await Materials.RedirectAsync(Visitor(), $"/api/materials/{id}/versions/en/download?disposition=inline");

        Assert.Equal("inline", inline.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Da leggere.pdf", inline.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("application/pdf", inline.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment;", docx.Query("rscd"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranges_ETags_and_304_come_from_storage()
    {
        var (partner, _, id) = await MaterialAsync();
        var file = Documents.PatternedPdf(200_000);
        await Materials.UploadedAsync(partner, id, "it", file);
        var location = await Materials.RedirectAsync(Visitor(), $"/api/materials/{id}/versions/it/download");

        using var ranged = new HttpRequestMessage(HttpMethod.Get, location);
        ranged.Headers.Range = new RangeHeaderValue(1000, 1999);
        var part = await Materials.Storage.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(file[1000..2000], await part.Content.ReadAsByteArrayAsync());

        var whole = await Materials.Storage.GetAsync(location);
        using var again = new HttpRequestMessage(HttpMethod.Get, location);
        again.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Materials.Storage.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task The_visitors_language_decides_which_version_is_offered_first()
    {
        var (partner, organisationId, id) = await MaterialAsync("it");
        await Materials.UploadedAsync(partner, id, "it", Documents.Pdf("Italiano"));
        await Materials.UploadedAsync(partner, id, "en", Documents.Pdf("English"));
        await Materials.UploadedAsync(partner, id, "no", Documents.Pdf("Norsk"));
        var visitor = Visitor();

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
        var visitor = Visitor();

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

        var visible = (await Materials.LibraryAsync(Visitor(), $"organisation={organisationId}")).GetProperty("items")[0];
        Assert.Equal([published.Id()], visible.GetProperty("relatedPractices").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Equal(material.Id(), Assert.Single((await Materials.LibraryAsync(Visitor(), $"practice={published.Id()}")).GetProperty("items").EnumerateArray()).Id());
        var editor = (await Materials.LibraryAsync(partner, $"organisation={organisationId}")).GetProperty("items")[0];
        Assert.Equal(2, editor.GetProperty("relatedPractices").GetArrayLength());
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
        Assert.NotEqual(JsonValueKind.Null, old.GetProperty("replacedAt").ValueKind);

        Assert.Equal(first, await Materials.DownloadBytesAsync(partner, old.GetProperty("downloadUrl").GetString()!));
        Assert.Equal(second, await Materials.DownloadBytesAsync(Visitor(), $"/api/materials/{id}/versions/it/download"));
        await Problem.AssertAsync(await Visitor().GetAsync(old.GetProperty("downloadUrl").GetString()), HttpStatusCode.Unauthorized);
        var listed = (await Materials.LibraryAsync(Visitor(), $"organisation={view.GetProperty("organisationId").GetString()}")).GetProperty("items")[0];
        Assert.True(listed.Version("en").GetProperty("outOfDate").GetBoolean());

        var updated = await Materials.UploadedAsync(partner, id, "en", Documents.Pdf("Second version"));
        Assert.False(updated.Version("en").GetProperty("outOfDate").GetBoolean());
        Assert.Equal(2, updated.Version("en").GetProperty("translatesRevision").GetInt32());
        Assert.Equal(2, updated.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Two_commits_racing_for_one_language_end_with_one_current_file_and_the_other_in_history()
    {
        var (partner, _, id) = await MaterialAsync();
        var a = Documents.PatternedPdf(300 * 1024);
        var b = Documents.PatternedPdf(310 * 1024);
        var slotA = await Materials.SlotAsync(partner, id, "it", a.Length, "a.pdf");
        var slotB = await Materials.SlotAsync(partner, id, "it", b.Length, "b.pdf");
        await Materials.PutBlocksAsync(slotA.GetProperty("uploadUrl").GetString()!, a, MaterialsFactory.BlockBytes);
        await Materials.PutBlocksAsync(slotB.GetProperty("uploadUrl").GetString()!, b, MaterialsFactory.BlockBytes);

        var responses = await Task.WhenAll(Materials.CommitAsync(partner, slotA), Materials.CommitAsync(partner, slotB));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], responses.Select(r => r.StatusCode).Order().ToArray());
        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        var current = Assert.Single(view.GetProperty("versions").EnumerateArray());
        var previous = Assert.Single(view.GetProperty("history").EnumerateArray());
        Assert.Equal(["a.pdf", "b.pdf"], new[] { current.GetProperty("fileName").GetString()!, previous.GetProperty("fileName").GetString()! }.Order().ToArray());
        Assert.Equal([1, 2], new[] { current.GetProperty("revision").GetInt32(), previous.GetProperty("revision").GetInt32() }.Order().ToArray());
        var expected = current.GetProperty("fileName").GetString() == "a.pdf" ? a : b;
        Assert.Equal(expected, await Materials.DownloadBytesAsync(Visitor(), $"/api/materials/{id}/versions/it/download"));
        Assert.Equal(2, await CommittedBlobsAsync(id));
    }

    [Fact]
    public async Task Every_download_request_is_counted_but_not_a_HEAD_or_a_range_and_only_editors_see_the_counts()
    {
        var (partner, organisationId, id) = await MaterialAsync();
        var file = Documents.Pdf("Contami");
        await Materials.UploadedAsync(partner, id, "it", file);
        var visitor = Visitor();
        var url = $"/api/materials/{id}/versions/it/download";

        var downloads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Materials.DownloadBytesAsync(visitor, url)));
        Assert.All(downloads, d => Assert.Equal(file, d));
        await Materials.RedirectAsync(visitor, url, HttpMethod.Head);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, url);
        ranged.Headers.Range = new RangeHeaderValue(0, 99);
        Assert.Equal(HttpStatusCode.Found, (await visitor.SendAsync(ranged)).StatusCode);
        await Materials.RedirectAsync(visitor, url + "?disposition=inline");

        // Each count is written just after its redirect is sent.
        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        for (var wait = 0; wait < 100 && view.Version("it").GetProperty("downloads").GetInt64() < 21; wait++)
        {
            await Task.Delay(100);
            view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        }
        Assert.Equal(21, view.Version("it").GetProperty("downloads").GetInt64());
        var listed = (await Materials.LibraryAsync(partner, $"organisation={organisationId}")).GetProperty("items")[0];
        Assert.Equal(21, listed.Version("it").GetProperty("downloads").GetInt64());
        var coordinator = await factory.SignInAsCoordinatorAsync();
        Assert.Equal(21, (await Materials.LibraryAsync(coordinator, $"organisation={organisationId}")).GetProperty("items")[0].Version("it").GetProperty("downloads").GetInt64());
        Assert.Equal(JsonValueKind.Null, (await Materials.LibraryAsync(visitor, $"organisation={organisationId}")).GetProperty("items")[0].Version("it").GetProperty("downloads").ValueKind);
    }

    [Fact]
    public async Task A_word_found_only_inside_a_document_finds_the_material_and_names_the_version()
    {
        var (partner, _, id) = await MaterialAsync("it");
        var pdfWord = "zq" + Guid.NewGuid().ToString("N")[..10];
        var docxWord = "zw" + Guid.NewGuid().ToString("N")[..10];
        await Materials.UploadedAsync(partner, id, "it", Documents.Pdf("Relazione sulla mediazione familiare", $"Parola nascosta: {pdfWord}. Citta di Ozieri."));
        await Materials.UploadedAsync(partner, id, "en", Documents.Docx("Report on family mediation", $"Hidden word: {docxWord}."), "report.docx");
        var visitor = Visitor();

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
        var settings = await Practices.OkAsync(await Visitor().GetAsync("/api/materials/settings"));
        Assert.Equal(["pdf", "docx", "odt"], settings.GetProperty("allowedTypes").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(MaterialsFactory.MaxUploadBytes, settings.GetProperty("maxUploadBytes").GetInt64());
        Assert.Contains("final-publication", settings.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }
}
