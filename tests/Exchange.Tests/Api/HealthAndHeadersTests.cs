using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

public sealed class HealthAndHeadersTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    [Fact]
    public async Task Api_responses_carry_their_own_security_headers()
    {
        var response = await factory.CreateClient().GetAsync("/api/organisations");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Readiness_checks_storage_for_real()
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/health/ready")).StatusCode);

        var closedPort = Repository.FreePort();
        var unreachable = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};" +
                          $"BlobEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;";
        var tableOptions = new TableClientOptions();
        tableOptions.Retry.MaxRetries = 0;
        var blobOptions = new BlobClientOptions();
        blobOptions.Retry.MaxRetries = 0;
        var health = new StorageHealth(new TableServiceClient(unreachable, tableOptions), new BlobServiceClient(unreachable, blobOptions), Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageHealth>.Instance);
        Assert.False(await health.IsReachableAsync(CancellationToken.None));
    }
}

public sealed class SiteFallbackTests
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/sign-in", "text/html")]
    [InlineData("/practices/it-comune-di-ozieri--lares", "text/html")]
    [InlineData("/admin/outbox/0123-abc", "text/html")]
    public async Task Client_side_routes_get_the_site_and_unknown_api_paths_a_problem(string path, string mediaType)
    {
        var stack = await BrowserStack.InstanceAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);

        var api = await http.GetAsync("/api/no/such/route");
        await Problem.AssertAsync(api, HttpStatusCode.NotFound);
        Assert.Equal("image/svg+xml", (await http.GetAsync("/favicon.svg")).Content.Headers.ContentType?.MediaType);
    }
}
