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
    [InlineData("/")]
    [InlineData("/sign-in")]
    [InlineData("/practices")]
    [InlineData("/essays")]
    [InlineData("/my/practices/it-somewhere--abc/review")]
    [InlineData("/admin/outbox/0123-abc")]
    public async Task Pages_of_the_app_get_the_site(string path)
    {
        var stack = await BrowserStack.InstanceAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("image/svg+xml", (await http.GetAsync("/favicon.svg")).Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/practices/does-not-exist")]
    [InlineData("/partners/xx-nobody")]
    [InlineData("/my/practices/a/b/c")]
    [InlineData("/admin")]
    public async Task Addresses_that_lead_nowhere_answer_404_with_the_apps_not_found_page(string path)
    {
        var stack = await BrowserStack.InstanceAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Problem.AssertAsync(await http.GetAsync("/api/no/such/route"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_published_practice_and_a_partner_have_pages_robots_txt_points_to_a_sitemap_that_lists_them()
    {
        var stack = await BrowserStack.InstanceAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };
        using var factory = new ExchangeFactory();
        // Storage is shared with the browser stack's app, so what the in-memory app writes, the stack's app reads.
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/partners/{organisation.Id}")).StatusCode);

        var robots = await http.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /my/", robots, StringComparison.Ordinal);
        Assert.Contains($"Sitemap: {stack.BaseUrl}/sitemap.xml", robots, StringComparison.Ordinal);
        var sitemap = await http.GetStringAsync("/sitemap.xml");
        Assert.Contains($"<loc>{stack.BaseUrl}/practices</loc>", sitemap, StringComparison.Ordinal);
        Assert.Contains($"/partners/{organisation.Id}</loc>", sitemap, StringComparison.Ordinal);

        // Behind Static Web Apps the rewritten request carries the original address.
        var behindSwa = new HttpRequestMessage(HttpMethod.Get, "/api/site/page");
        behindSwa.Headers.Add("x-ms-original-url", $"{stack.BaseUrl}/practices/does-not-exist?x=1");
        var missing = await http.SendAsync(behindSwa);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("script-src 'self'", missing.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var found = new HttpRequestMessage(HttpMethod.Get, "/api/site/page");
        found.Headers.Add("x-ms-original-url", $"{stack.BaseUrl}/partners/{organisation.Id}");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(found)).StatusCode);
    }
}
