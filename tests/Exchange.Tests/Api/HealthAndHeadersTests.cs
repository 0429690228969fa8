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
        var health = new StorageHealth(new TableServiceClient(unreachable, tableOptions), new BlobServiceClient(unreachable, blobOptions));
        Assert.False(await health.IsReachableAsync(CancellationToken.None));
    }
}
