using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>
/// Material helpers shared by the material tests. Files go up as a browser sends them: a slot from
/// the API, the blocks and the block list straight to Blob storage with the slot's SAS, then the
/// commit; downloads follow the API's redirect to storage. Storage is reached over a real socket.
/// </summary>
public static class Materials
{
    /// <summary>A plain client for Blob storage's own URLs (the in-memory test server knows only the API).</summary>
    public static readonly HttpClient Storage = new() { Timeout = TimeSpan.FromMinutes(2) };

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

    public static Task<HttpResponseMessage> OpenSlotAsync(HttpClient client, string id, string language, object body) =>
        client.PostAsJsonAsync($"/api/materials/{id}/versions/{language}/uploads", body);

    /// <summary>Asks for a slot and expects one.</summary>
    public static async Task<JsonElement> SlotAsync(HttpClient client, string id, string language, long size, string? fileName = "document.pdf")
    {
        var response = await OpenSlotAsync(client, id, language, new { fileName, size });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Put Block for each block, several at once, then Put Block List: what the site's uploader does.</summary>
    public static async Task PutBlocksAsync(string uploadUrl, byte[] file, int blockSize, string contentType = "application/pdf")
    {
        var ids = Enumerable.Range(0, Math.Max(1, (file.Length + blockSize - 1) / blockSize)).Select(BlockId).ToList();
        await Parallel.ForEachAsync(ids.Select((blockId, i) => (blockId, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (block, ct) =>
        {
            var from = block.i * blockSize;
            using var content = new ByteArrayContent(file, from, Math.Min(blockSize, file.Length - from));
            var response = await Storage.PutAsync($"{uploadUrl}&comp=block&blockid={Uri.EscapeDataString(block.blockId)}", content, ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"Put Block: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        });
        var list = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        ids.ForEach(i => list.Append("<Latest>").Append(i).Append("</Latest>"));
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{uploadUrl}&comp=blocklist") { Content = new StringContent(list.Append("</BlockList>").ToString()) };
        request.Headers.TryAddWithoutValidation("x-ms-blob-content-type", contentType);
        var committed = await Storage.SendAsync(request);
        Assert.True(committed.StatusCode == HttpStatusCode.Created, $"Put Block List: {(int)committed.StatusCode} {await committed.Content.ReadAsStringAsync()}");
    }

    public static string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{index:D6}"));

    public static Task<HttpResponseMessage> CommitAsync(HttpClient client, JsonElement slot) =>
        client.PostAsync(slot.GetProperty("commitUrl").GetString(), null);

    /// <summary>The three steps; the answer is the commit's, or the slot's when no slot was given.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string id, string language, byte[] file, string? fileName = "document.pdf",
        string contentType = "application/pdf")
    {
        var slot = await OpenSlotAsync(client, id, language, new { fileName, size = file.Length });
        if (slot.StatusCode != HttpStatusCode.Created)
        {
            return slot;
        }
        var granted = await slot.Content.ReadFromJsonAsync<JsonElement>();
        await PutBlocksAsync(granted.GetProperty("uploadUrl").GetString()!, file, granted.GetProperty("blockSize").GetInt32(), contentType);
        return await CommitAsync(client, granted);
    }

    public static async Task<JsonElement> UploadedAsync(HttpClient client, string id, string language, byte[] file, string? fileName = "document.pdf", string contentType = "application/pdf")
    {
        var response = await UploadAsync(client, id, language, file, fileName, contentType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The API's answer to a download link: a redirect to storage, whose Location is returned.</summary>
    public static async Task<Uri> RedirectAsync(HttpClient client, string url, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    /// <summary>Follows a download link as a browser does: the API's redirect, then storage.</summary>
    public static async Task<HttpResponseMessage> DownloadAsync(HttpClient client, string url) =>
        await Storage.GetAsync(await RedirectAsync(client, url));

    public static async Task<byte[]> DownloadBytesAsync(HttpClient client, string url)
    {
        var response = await DownloadAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
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

    /// <summary>The SHA-256 is computed in the background from the stored bytes; wait until the material shows it.</summary>
    public static async Task<JsonElement> HashedAsync(HttpClient editor, string id, string language)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var view = await Practices.OkAsync(await editor.GetAsync($"/api/materials/{id}"));
            var version = view.Version(language);
            if (version.GetProperty("sha256").ValueKind == JsonValueKind.String || DateTime.UtcNow > deadline)
            {
                return version;
            }
            await Task.Delay(100);
        }
    }

    public static JsonElement Version(this JsonElement material, string language) =>
        material.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("language").GetString() == language);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A query parameter of a SAS URL, decoded.</summary>
    public static string? Query(this Uri uri, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue(name, out var value) ? value.ToString() : null;
}
