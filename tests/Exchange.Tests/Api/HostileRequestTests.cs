using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>
/// Requests an attacker, a broken client or a confused proxy sends. Each gets a 4xx naming what
/// is wrong, changes nothing, and leaves the server answering.
/// </summary>
public sealed class HostileRequestTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    /// <summary>Conditional headers that cannot be honoured, each with the header the 400 must name.</summary>
    public static readonly (string Header, string Value)[] MalformedConditions =
    [
        ("If-Match", "\"bogus\""),
        ("If-Match", "bogus"),
        ("If-Match", new string('7', 3000)),
        ("If-Match", "\"" + new string('a', 3000) + "\""),
        ("If-Match", "W/\"datetime'2026-01-01T00%3A00%3A00.0000000Z'"),
        ("If-Match", "W/\"datetime'2026-13-45T99%3A00%3A00.0000000Z'\""),
        ("If-Match", "W/\"datetime'garbage'\""),
        ("If-Match", "\"a\" \"b\""),
        ("If-Match", "W/\"datetime'2026-01-01T00%3A00%3A00.0000000Z'\", W/\"datetime'2026-01-02T00%3A00%3A00.0000000Z'\""),
        ("If-Match", "*, \"a\""),
        ("If-Match", "W/ \"a\""),
        ("If-None-Match", "bogus"),
        ("If-None-Match", new string('x', 3000)),
    ];

    private sealed record Editable(string Name, string Url, JsonObject Body);

    private async Task<(HttpClient Coordinator, Editable[] Records)> RecordsAsync()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var host = await factory.CreateOrganisationAsync(coordinator, country: "NO");
        var practice = await Practices.CreateAsync(coordinator, Practices.Input(organisation.Id, Unique.Name("Gruppi di parola")));
        var material = await Materials.CreateAsync(coordinator, Materials.Input(organisation.Id, Unique.Name("Guida")));
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90);
        var mobility = await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(organisation.Id, host.Id, start));
        return (coordinator,
        [
            new("practice", $"/api/practices/{practice.Id()}", Practices.Input(organisation.Id, Unique.Name("Cambiata"))),
            new("material", $"/api/materials/{material.Id()}", Materials.Input(organisation.Id, Unique.Name("Cambiata"))),
            new("mobility", $"/api/mobilities/{mobility.Id()}", MobilityRequests.Input(organisation.Id, host.Id, start.AddDays(7))),
            new("organisation", $"/api/organisations/{host.Id}", new JsonObject
            {
                ["name"] = Unique.Name("Cambiata"), ["country"] = "NO", ["city"] = "Holmestrand", ["kind"] = "municipality",
            }),
        ]);
    }

    [Fact]
    public async Task A_malformed_or_oversized_condition_on_any_edit_gets_400_naming_the_header_and_changes_nothing()
    {
        var (coordinator, records) = await RecordsAsync();
        foreach (var record in records)
        {
            var before = await ReadAsync(coordinator, record.Url);
            foreach (var (header, value) in MalformedConditions)
            {
                var request = new HttpRequestMessage(HttpMethod.Put, record.Url) { Content = JsonContent.Create(record.Body) };
                request.Headers.TryAddWithoutValidation(header, value);
                if (header != "If-Match")
                {
                    request.Headers.TryAddWithoutValidation("If-Match", before.ETag);
                }
                var response = await coordinator.SendAsync(request);
                var problem = await Problem.AssertFieldsAsync(response, header);
                Assert.True(response.Headers.CacheControl?.NoStore, $"{record.Name}, {header}: {value[..Math.Min(40, value.Length)]}");
            }
            var after = await ReadAsync(coordinator, record.Url);
            Assert.Equal(before.ETag, after.ETag);
            Assert.Equal(before.Json, after.Json);
        }
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task A_well_formed_but_stale_etag_still_gets_a_conflict_and_the_current_one_saves()
    {
        var (coordinator, records) = await RecordsAsync();
        foreach (var record in records)
        {
            var original = await ReadAsync(coordinator, record.Url);
            var saved = await Practices.OkAsync(await Practices.SendAsync(coordinator, HttpMethod.Put, record.Url, original.ETag, record.Body));
            await Problem.AssertAsync(await Practices.SendAsync(coordinator, HttpMethod.Put, record.Url, original.ETag, record.Body), HttpStatusCode.Conflict);
            // The strong form of an ETag we gave out names the same version.
            var strong = saved.GetProperty("etag").GetString()!.Replace("W/", "", StringComparison.Ordinal);
            await Practices.OkAsync(await Practices.SendAsync(coordinator, HttpMethod.Put, record.Url, strong, record.Body));
        }
    }

    [Fact]
    public async Task A_malformed_condition_is_refused_on_routes_that_do_not_edit_too()
    {
        foreach (var url in new[] { "/api/health", "/api/organisations", "/api/catalogue", "/api/no/such/route" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("If-None-Match", "not-quoted");
            await Problem.AssertFieldsAsync(await factory.CreateClient().SendAsync(request), "If-None-Match");
        }
        var wellFormed = new HttpRequestMessage(HttpMethod.Get, "/api/organisations");
        wellFormed.Headers.TryAddWithoutValidation("If-None-Match", "\"anything\", W/\"else\"");
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().SendAsync(wellFormed)).StatusCode);
    }

    [Theory]
    [InlineData("/api/reminders/upcoming?days=abc", "days")]
    [InlineData("/api/reminders/upcoming?days=99999999999999", "days")]
    [InlineData("/api/reminders/upcoming?days=1.5", "days")]
    public async Task A_query_parameter_that_does_not_parse_gets_400_naming_it(string url, string parameter)
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var problem = await Problem.AssertFieldsAsync(await coordinator.GetAsync(url), parameter);
        Assert.Contains("not a valid value", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/reminders/upcoming?days=3")).StatusCode);
    }

    [Fact]
    public void A_binding_failure_the_framework_throws_names_its_parameter()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var failed = Exchange.Hosting.ExceptionProblems.Classify(context, new Microsoft.AspNetCore.Http.BadHttpRequestException("Failed to bind parameter \"int revision\" from \"x1\"."));
        var missing = Exchange.Hosting.ExceptionProblems.Classify(context, new Microsoft.AspNetCore.Http.BadHttpRequestException("Required parameter \"Dictionary<string, int> map\" was not provided from query string."));
        var tooLarge = Exchange.Hosting.ExceptionProblems.Classify(context, new Microsoft.AspNetCore.Http.BadHttpRequestException("Request body too large.", 413));

        Assert.Equal(["revision"], ((Microsoft.AspNetCore.Http.HttpValidationProblemDetails)failed).Errors.Keys);
        Assert.Equal(["map"], ((Microsoft.AspNetCore.Http.HttpValidationProblemDetails)missing).Errors.Keys);
        Assert.Equal(413, tooLarge.Status);
    }

    [Fact]
    public void Storage_that_cannot_be_reached_is_a_503_and_anything_else_from_storage_is_a_bug()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        int? Status(Exception ex) => Exchange.Hosting.ExceptionProblems.Classify(context, ex).Status;
        var refused = new Azure.RequestFailedException(0, "Connection refused (127.0.0.1:10002)", new HttpRequestException("Connection refused"));

        Assert.Equal(503, Status(new AggregateException("Retry failed after 3 tries.", refused, refused, refused)));
        Assert.Equal(503, Status(new Azure.RequestFailedException(503, "Server busy")));
        Assert.Equal(503, Status(new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:20.")));
        Assert.Equal(503, Status(new Polly.CircuitBreaker.BrokenCircuitException()));
        Assert.Equal(500, Status(new Azure.RequestFailedException(400, "InvalidInput")));
        Assert.Equal(500, Status(new AggregateException(refused, new InvalidOperationException("a bug"))));
        Assert.Equal(500, Status(new NullReferenceException()));
    }

    private static async Task<(string ETag, string Json)> ReadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return (response.Headers.ETag!.ToString(), body);
    }
}

/// <summary>
/// A bug deep inside (here: the organisations table client throws something nobody expects)
/// answers 500 with the security headers, no-store and a ProblemDetails that gives nothing away.
/// </summary>
public sealed class UnhandledExceptionTests
{
    private const string Secret = "internal detail 7f3a: connection to tables failed at TableClient.Query";

    private sealed class BrokenOrganisationsFactory : ExchangeFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var options = new TableClientOptions();
                options.AddPolicy(new ThrowOnTable("Organisations()"), HttpPipelinePosition.PerCall);
                services.AddSingleton(new TableServiceClient(Azurite.ConnectionString, options));
            });
        }
    }

    private sealed class ThrowOnTable(string table) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Path.EndsWith(table, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(Secret);
            }
        }
    }

    [Fact]
    public async Task An_unhandled_exception_answers_500_with_security_headers_no_store_and_no_internal_detail()
    {
        using var factory = new BrokenOrganisationsFactory();
        var response = await factory.CreateClient().GetAsync("/api/organisations");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        Assert.DoesNotContain("7f3a", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("TableClient", body, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/health")).StatusCode);
    }
}
