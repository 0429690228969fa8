using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Exchange.Common;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

public sealed partial class ApiContractTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    /// <summary>What may stay out of the document: the site's pages behind Static Web Apps, the test clock, the 404 catch-all, and the document and its reference page themselves.</summary>
    private static readonly string[] Undocumented = ["/api/site/", "/api/testing/", "/api/{**path}", "/api/openapi.json", "/api/reference"];

    private async Task<JsonObject> DocumentAsync()
    {
        var response = await factory.CreateClient().GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private IEnumerable<(RouteEndpoint Endpoint, string Path, string Method)> ApiOperations() =>
        from endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        let pattern = endpoint.RoutePattern.RawText ?? ""
        where pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern.StartsWith("api/", StringComparison.Ordinal)
        from method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]
        where method != HttpMethods.Head
        select (endpoint, DocumentPath(pattern), method.ToLowerInvariant());

    /// <summary>The document's form of a route: one leading slash, no trailing one, no constraints.</summary>
    private static string DocumentPath(string pattern) =>
        "/" + RouteConstraint().Replace(pattern.Trim('/'), "{${name}}");

    [GeneratedRegex(@"\{(?<name>[^}:=?]+)(:[^}]+)?\}")]
    private static partial Regex RouteConstraint();

    [Fact]
    public async Task The_document_describes_every_api_endpoint_with_its_problems_and_who_may_call_it()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!.AsObject();
        var operations = ApiOperations().ToList();
        Assert.True(operations.Count > 90, $"Only {operations.Count} API endpoints were found.");
        Assert.Equal("3.1.1", document["openapi"]!.GetValue<string>());

        foreach (var (endpoint, path, method) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                Assert.True(Undocumented.Any(u => (endpoint.RoutePattern.RawText ?? "").StartsWith(u, StringComparison.Ordinal)), $"{name} is left out of the API description.");
                continue;
            }
            var operation = paths[path]?[method]?.AsObject();
            Assert.True(operation is not null, $"{name} is not in the document.");
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{name} has no summary.");

            var responses = operation["responses"]!.AsObject();
            Assert.True(responses.Any(r => r.Key[0] is '2' or '3'), $"{name} documents no success.");
            foreach (var status in new[] { "500", "503" })
            {
                Assert.True(responses[status]?["content"]?["application/problem+json"] is not null, $"{name} does not document its {status} problem.");
            }
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var schema = response!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                Assert.True(schema is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails", $"{name}'s {status} is not a ProblemDetails.");
            }

            var security = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToList() ?? [];
            var signedIn = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
            Assert.True(signedIn == security.Contains("session"), $"{name}'s session requirement does not match its authorization.");
            Assert.True(!signedIn || responses["401"] is not null && responses["403"] is not null, $"{name} does not document 401 and 403.");
            var participant = endpoint.Metadata.GetMetadata<ParticipantLinkMetadata>() is not null;
            Assert.True(participant == security.Contains("participantLink"), $"{name}'s link requirement does not match its metadata.");

            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null })
            {
                Assert.True(operation["requestBody"]?["content"]?["application/json"]?["schema"] is not null, $"{name} does not describe its body.");
                Assert.True(responses["400"] is not null && responses["415"] is not null, $"{name} does not document a bad body.");
            }
            if (endpoint.Metadata.GetMetadata<IfMatchMetadata>() is { } ifMatch)
            {
                var header = operation["parameters"]!.AsArray().SingleOrDefault(p => p!["name"]!.GetValue<string>() == "If-Match" && p["in"]!.GetValue<string>() == "header");
                Assert.True(header is not null, $"{name} does not describe its If-Match.");
                Assert.Equal(ifMatch.Required, header!["required"]?.GetValue<bool>() ?? false);
                Assert.True(responses["409"] is not null, $"{name} does not document a stale If-Match.");
            }
            if (endpoint.Metadata.GetMetadata<ETagMetadata>() is not null)
            {
                Assert.True(responses.Where(r => r.Key[0] == '2').All(r => r.Value!["headers"]?["ETag"] is not null), $"{name} does not describe its ETag header.");
            }
        }
    }

    [Fact]
    public async Task The_document_names_the_session_cookie_and_the_signed_link()
    {
        var schemes = (await DocumentAsync())["components"]!["securitySchemes"]!;
        Assert.Equal("cookie", schemes["session"]!["in"]!.GetValue<string>());
        Assert.Equal("exchange_session", schemes["session"]!["name"]!.GetValue<string>());
        Assert.Equal("query", schemes["participantLink"]!["in"]!.GetValue<string>());
        Assert.Equal("token", schemes["participantLink"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_site_is_typed_against_the_document_the_api_serves()
    {
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "web", "src", "api", "openapi.json")));
        Assert.True(JsonNode.DeepEquals(await DocumentAsync(), committed),
            "web/src/api/openapi.json differs from the document the API serves. Run tools/generate-api-types.sh and commit the result.");
    }

    [Fact]
    public async Task The_reference_page_runs_only_its_own_scripts()
    {
        var response = await factory.CreateClient().GetAsync("/api/reference/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var inline = Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline);
        Assert.NotEmpty(inline);
        foreach (Match script in inline)
        {
            var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.Groups["body"].Value)));
            Assert.Contains($"'sha256-{hash}'", policy, StringComparison.Ordinal);
        }
        Assert.Contains("script-src 'self' 'sha256-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("api/openapi.json", html, StringComparison.Ordinal);

        var bundle = await factory.CreateClient().GetAsync("/api/reference/scalar.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
    }
}
