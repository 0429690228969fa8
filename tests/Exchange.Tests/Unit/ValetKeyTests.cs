using System.Text.Json;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Exchange.Hosting;
using Exchange.Storage;
using Exchange.Tests.Api;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Unit;

public sealed class BlobSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A Blob client as the app has in Azure: an account URL and a token credential, no key.</summary>
    private static BlobClient AzureBlob(string name, string? snapshot = null)
    {
        var blob = new BlobServiceClient(new Uri("https://exchangestore.blob.core.windows.net/"), new NoCredential())
            .GetBlobContainerClient("materials").GetBlobClient(name);
        return snapshot is null ? blob : blob.WithSnapshot(snapshot);
    }

    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException("No network in this test.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException("No network in this test.");
    }

    [Fact]
    public async Task Without_an_account_key_SAS_are_user_delegation_SAS_and_one_key_serves_many_links()
    {
        var time = new FakeTimeProvider(Now);
        var keys = new List<(DateTimeOffset Start, DateTimeOffset Expiry)>();
        var signer = new BlobSigner((start, expiry, _) =>
        {
            keys.Add((start, expiry));
            return Task.FromResult(BlobsModelFactory.UserDelegationKey("object-id", "tenant-id", "b", "2025-01-05", Convert.ToBase64String(new byte[32]), expiry, start));
        }, "exchangestore", time);

        var read = await signer.ReadAsync(AzureBlob("it-x.abc/it/slot", "2026-11-30T08:59:00.0000000Z"), TimeSpan.FromMinutes(10), "application/pdf",
            "inline; filename=\"a.pdf\"", CancellationToken.None);
        var write = await signer.WriteAsync(AzureBlob("it-x.abc/it/slot"), TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.True(signer.UsesDelegation);
        Assert.Single(keys);
        Assert.Equal(("object-id", "tenant-id"), (read.Query("skoid"), read.Query("sktid")));
        Assert.Equal(("r", "bs", "https"), (read.Query("sp"), read.Query("sr"), read.Query("spr")));
        Assert.Equal("2026-11-30T08:59:00.0000000Z", read.Query("snapshot"));
        Assert.Equal("2026-11-30T09:10:00Z", read.Query("se"));
        Assert.Equal(("application/pdf", "inline; filename=\"a.pdf\""), (read.Query("rsct"), read.Query("rscd")));
        Assert.Equal(("w", "b", "2026-11-30T09:15:00Z"), (write.Query("sp"), write.Query("sr"), write.Query("se")));
        Assert.Equal("/materials/it-x.abc/it/slot", write.AbsolutePath);
        Assert.NotNull(write.Query("sig"));

        // The key is renewed only when a link would outlive it.
        time.Advance(BlobSigner.DelegationKeyLifetime - TimeSpan.FromMinutes(5));
        await signer.WriteAsync(AzureBlob("it-x.abc/it/other"), TimeSpan.FromMinutes(15), CancellationToken.None);
        Assert.Equal(2, keys.Count);
        Assert.True(keys[1].Expiry >= time.GetUtcNow().AddMinutes(15));
    }

    [Fact]
    public async Task With_an_account_key_SAS_are_service_SAS()
    {
        var azurite = await Azurite.InstanceAsync();
        var signer = new BlobSigner(azurite.Blobs, TimeProvider.System);

        var uri = await signer.WriteAsync(azurite.Blobs.GetBlobContainerClient("materials").GetBlobClient("a/b/c"), TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.False(signer.UsesDelegation);
        Assert.Null(uri.Query("skoid"));
        Assert.Equal("w", uri.Query("sp"));
    }
}

public sealed class BlobEndpointTests
{
    [Theory]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;", "http://127.0.0.1:10000")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=exchange;AccountKey=a2V5;EndpointSuffix=core.windows.net", "https://exchange.blob.core.windows.net")]
    [InlineData("AccountName=exchange;AccountKey=a2V5", "https://exchange.blob.core.windows.net")]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10000")]
    public void The_blob_origin_is_read_from_the_connection_string(string connectionString, string origin) =>
        Assert.Equal(origin, new StorageOptions { ConnectionString = connectionString }.BlobOrigin());

    [Fact]
    public void In_Azure_the_blob_origin_is_the_service_URI_s() =>
        Assert.Equal("https://exchange.blob.core.windows.net",
            new StorageOptions { BlobServiceUri = new Uri("https://exchange.blob.core.windows.net/"), TableServiceUri = new Uri("https://exchange.table.core.windows.net/") }.BlobOrigin());
}

public sealed class BlobCorsTests
{
    [Fact]
    public async Task Apps_sharing_one_storage_account_each_add_their_origin_to_one_rule_and_keep_the_others()
    {
        var azurite = await Azurite.StartIsolatedAsync();
        await using var _ = azurite;
        var blobs = azurite.Blobs;
        var foreign = new BlobCorsRule { AllowedOrigins = "https://other.example", AllowedMethods = "GET", AllowedHeaders = "*", ExposedHeaders = "*", MaxAgeInSeconds = 60 };
        var properties = (await blobs.GetPropertiesAsync()).Value;
        properties.Cors = [foreign];
        await blobs.SetPropertiesAsync(properties);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => BlobCors.EnsureAsync(blobs, $"http://127.0.0.1:{7000 + i}", CancellationToken.None)));
        await BlobCors.EnsureAsync(blobs, "http://127.0.0.1:7000", CancellationToken.None);

        var rules = (await blobs.GetPropertiesAsync()).Value.Cors;
        Assert.Equal(2, rules.Count);
        Assert.Contains(rules, r => r.AllowedOrigins == "https://other.example");
        var ours = Assert.Single(rules, r => r.AllowedMethods == BlobCors.Methods);
        Assert.Equal(Enumerable.Range(7000, 4).Select(p => $"http://127.0.0.1:{p}"), ours.AllowedOrigins.Split(',').Order());
        Assert.All(Enumerable.Range(7000, 4), p => Assert.True(BlobCors.Allows(rules, $"http://127.0.0.1:{p}")));
        Assert.False(BlobCors.Allows(rules, "https://other.example"));
    }
}

public sealed class ContentSecurityPolicyTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    [Fact]
    public async Task The_standalone_site_and_Static_Web_Apps_send_one_policy_each_allowing_its_own_blob_endpoint()
    {
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "web", "public", "staticwebapp.config.json")));
        var hosted = config.RootElement.GetProperty("globalHeaders").GetProperty("Content-Security-Policy").GetString();
        var local = (await factory.CreateClient().GetAsync("/sign-in")).Headers.GetValues("Content-Security-Policy").Single();
        var azurite = factory.Azurite.Blobs.Uri.GetLeftPart(UriPartial.Authority);

        // In Azure the account's endpoint is https://<account>.blob.core.windows.net (infra/app/storage.bicep).
        Assert.Equal(ContentSecurityPolicy.Site(["https://*.blob.core.windows.net"]), hosted);
        Assert.Equal(ContentSecurityPolicy.Site([azurite]), local);
        Assert.Contains($"connect-src 'self' {azurite};", local, StringComparison.Ordinal);
    }
}

public sealed class UploadBlockTests
{
    [Theory]
    [InlineData(1_000, 8 * 1024 * 1024)]
    [InlineData(16 * 1024 * 1024, 8 * 1024 * 1024)]
    [InlineData(20 * 1024 * 1024, 10 * 1024 * 1024)]
    [InlineData(100 * 1024 * 1024, 50 * 1024 * 1024)]
    [InlineData(50 * 1024 * 1024 + 3, 26214402)]
    [InlineData(2L * 1024 * 1024 * 1024, 100 * 1024 * 1024)]
    public void A_large_file_goes_in_as_many_blocks_as_are_sent_at_once_and_a_small_one_in_the_smallest_blocks(long size, int blockBytes) =>
        Assert.Equal(blockBytes, new Exchange.Materials.MaterialsOptions().BlockBytesFor(size));
}
