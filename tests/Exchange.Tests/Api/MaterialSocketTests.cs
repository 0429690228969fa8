using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>The app on Kestrel with a 1 MiB upload limit and 64 KiB blocks.</summary>
public sealed class StandaloneMaterialsFixture : IAsyncLifetime
{
    public StandaloneApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await StandaloneApp.StartAsync(await Azurite.InstanceAsync(), new Dictionary<string, string>
        {
            ["Materials__MaxUploadBytes"] = MaterialsFactory.MaxUploadBytes.ToString(),
            ["Materials__UploadBlockBytes"] = MaterialsFactory.BlockBytes.ToString(),
        });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Uploads over a real socket: what a browser that is closed, or a file that is too big, does to the server.</summary>
public sealed class MaterialSocketTests(StandaloneMaterialsFixture fixture) : IClassFixture<StandaloneMaterialsFixture>
{
    private StandaloneApp App => fixture.App;

    private async Task<(HttpClient Client, Cookie Session, string Id)> MaterialAsync()
    {
        var (client, session) = await App.SignInAsCoordinatorAsync();
        var organisation = await client.PostAsJsonAsync("/api/organisations", new
        {
            name = Unique.Name("Centro"), country = "IT", city = "Imola", kind = "family-centre", website = (string?)null, description = "",
        });
        organisation.EnsureSuccessStatusCode();
        var organisationId = (await organisation.Content.ReadFromJsonAsync<JsonElement>()).Id();
        var material = await client.PostAsJsonAsync("/api/materials", Materials.Input(organisationId, Unique.Name("Materiale")));
        material.EnsureSuccessStatusCode();
        return (client, session, (await material.Content.ReadFromJsonAsync<JsonElement>()).Id());
    }

    /// <summary>Sends the request head; with no <paramref name="contentLength"/> the body is to be sent chunked.</summary>
    private async Task<NetworkStream> SendHeadAsync(TcpClient socket, Cookie session, string id, long? contentLength)
    {
        await socket.ConnectAsync(App.BaseAddress.Host, App.BaseAddress.Port);
        var stream = socket.GetStream();
        var framing = contentLength is { } length ? $"Content-Length: {length}" : "Transfer-Encoding: chunked";
        var head = $"PUT /api/materials/{id}/versions/it?fileName=relazione.pdf HTTP/1.1\r\n" +
                   $"Host: {App.BaseAddress.Authority}\r\nOrigin: {App.BaseAddress.GetLeftPart(UriPartial.Authority)}\r\n" +
                   $"Cookie: {session.Name}={session.Value}\r\nContent-Type: application/pdf\r\n{framing}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        return stream;
    }

    private async Task<int> BlobsAsync(string id, BlobStates states)
    {
        var count = 0;
        await foreach (var _ in App.Azurite.Blobs.GetBlobContainerClient(StorageNames.MaterialsContainer)
                           .GetBlobsAsync(new GetBlobsOptions { Prefix = id + "/", States = states }))
        {
            count++;
        }
        return count;
    }

    [Fact]
    public async Task A_browser_closed_halfway_through_an_upload_leaves_no_version_and_no_file()
    {
        var (client, session, id) = await MaterialAsync();
        using var socket = new TcpClient();
        var stream = await SendHeadAsync(socket, session, id, 900 * 1024);
        await stream.WriteAsync(Documents.PatternedPdf(5 * MaterialsFactory.BlockBytes + 1000));
        await stream.FlushAsync();

        // The file is being streamed into storage when the browser goes.
        Assert.True(await App.LoggedAsync($"into {id}/it/", TimeSpan.FromSeconds(20)), App.Process.Output);
        socket.Client.LingerState = new LingerOption(true, 0);
        socket.Close();

        await AssertNothingStoredAsync(client, id);
    }

    [Fact]
    public async Task A_chunked_upload_broken_off_halfway_leaves_no_version_and_no_file()
    {
        var (client, session, id) = await MaterialAsync();
        using var socket = new TcpClient();
        var stream = await SendHeadAsync(socket, session, id, contentLength: null);
        var part = Documents.PatternedPdf(5 * MaterialsFactory.BlockBytes + 1000);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{part.Length:X}\r\n"));
        await stream.WriteAsync(part);
        await stream.WriteAsync("\r\n"u8.ToArray());
        await stream.FlushAsync();

        // Blocks are being staged: the upload is under way when the browser goes.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await BlobsAsync(id, BlobStates.Uncommitted) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(1, await BlobsAsync(id, BlobStates.Uncommitted));
        socket.Client.LingerState = new LingerOption(true, 0);
        socket.Close();

        await AssertNothingStoredAsync(client, id);
    }

    private async Task AssertNothingStoredAsync(HttpClient client, string id)
    {
        Assert.True(await App.LoggedAsync($"material {id} refused: Interrupted", TimeSpan.FromSeconds(20)), App.Process.Output);
        var view = await Practices.OkAsync(await client.GetAsync($"/api/materials/{id}"));
        Assert.Empty(view.GetProperty("versions").EnumerateArray());
        Assert.Equal(0, await BlobsAsync(id, BlobStates.None));
    }

    [Fact]
    public async Task A_declared_size_over_the_limit_is_answered_with_413_while_the_body_is_still_unsent()
    {
        var (_, session, id) = await MaterialAsync();
        using var socket = new TcpClient();
        var stream = await SendHeadAsync(socket, session, id, 50L * 1024 * 1024);
        await stream.WriteAsync("%PDF-1.7\n"u8.ToArray());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var response = Encoding.ASCII.GetString(buffer, 0, read);

        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
        Assert.Equal(0, await BlobsAsync(id, BlobStates.All));
    }
}
