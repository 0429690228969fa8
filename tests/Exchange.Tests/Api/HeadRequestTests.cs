using System.Net;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>The app on Kestrel, which leaves a HEAD response's body out as it would in production.</summary>
public sealed class KestrelFactory : ExchangeFactory
{
    public KestrelFactory()
    {
        var port = Repository.FreePort();
        UseKestrel(port);
        ClientOptions.BaseAddress = new Uri($"http://localhost:{port}");
    }
}

public sealed class HeadRequestTests(KestrelFactory factory) : IClassFixture<KestrelFactory>
{
    /// <summary>Headers that describe the connection or the moment, not the resource.</summary>
    private static readonly HashSet<string> Varying = new(StringComparer.OrdinalIgnoreCase) { "Date", "Transfer-Encoding", "Content-Length", "Location" };

    [Fact]
    public async Task Every_get_route_answers_head_with_the_same_status_and_headers_and_no_body()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var host = await factory.CreateOrganisationAsync(coordinator, country: "NO");
        var practice = await Practices.CreateAsync(coordinator, Practices.Input(organisation.Id, Unique.Name("Gruppi di parola")));
        var material = await Materials.CreateAsync(coordinator, Materials.Input(organisation.Id, Unique.Name("Guida")));
        await Materials.UploadedAsync(coordinator, material.Id(), "it", Documents.Pdf("Guida per le famiglie"));
        var mobility = await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(organisation.Id, host.Id, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90)));
        var samples = new Dictionary<string, string>
        {
            ["/api/practices/{id}"] = practice.Id(),
            ["/api/materials/{id}"] = material.Id(),
            ["/api/mobilities/{id}"] = mobility.Id(),
            ["/api/organisations/{id}"] = organisation.Id,
            ["/api/essays/review/{mobilityId}"] = mobility.Id(),
            ["/api/catalogue/{id}"] = practice.Id(),
        };

        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true)
            .ToList();
        Assert.Contains(routes, r => r.RoutePattern.RawText == "/api/health");
        Assert.Contains(routes, r => r.RoutePattern.RawText == "/api/materials/{id}/versions/{language}/download");

        var statuses = new List<string>();
        foreach (var route in routes)
        {
            Assert.Contains(HttpMethods.Head, route.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods);
            var url = Url(route.RoutePattern, samples);
            var get = await coordinator.SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
            var head = await coordinator.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            statuses.Add($"{url} {(int)get.StatusCode}");

            Assert.True(get.StatusCode == head.StatusCode, $"{url}: GET {(int)get.StatusCode}, HEAD {(int)head.StatusCode}");
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            if (get.RequestMessage?.RequestUri?.Port != factory.ClientOptions.BaseAddress.Port)
            {
                // A download's redirect was followed to Blob storage, whose own answers are not ours to compare.
                continue;
            }
            Assert.Equal(Headers(get), Headers(head));
            if (head.Content.Headers.ContentDisposition?.DispositionType == "attachment" && head.Content.Headers.ContentLength is null or 0)
            {
                // A streamed download (an export) is not produced for a HEAD; its length is known only once written.
                continue;
            }
            if (get.Content.Headers.ContentLength is { } length && head.Content.Headers.ContentLength != length)
            {
                // Other tests write to the same storage meanwhile, so a list or a count may have changed
                // between the two requests: the HEAD must then match a GET made after it.
                var again = await coordinator.SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
                Assert.True(again.Content.Headers.ContentLength == head.Content.Headers.ContentLength,
                    $"{url}: GET {length} then {again.Content.Headers.ContentLength} bytes, HEAD {head.Content.Headers.ContentLength}");
            }
        }
        // The sample ids reach the records themselves, not only their 404s.
        Assert.Contains($"/api/materials/{material.Id()}/versions/it/download 200", statuses);
        Assert.Contains("/api/health/ready 200", statuses);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task Head_on_a_download_answers_the_redirect_and_counts_nothing()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var material = await Materials.CreateAsync(coordinator, Materials.Input(organisation.Id, Unique.Name("Guida")));
        await Materials.UploadedAsync(coordinator, material.Id(), "it", Documents.Pdf("Guida per le famiglie"));
        var url = $"/api/materials/{material.Id()}/versions/it/download";

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = factory.ClientOptions.BaseAddress };
        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.Redirect, head.StatusCode);
        Assert.Contains("sp=r", head.Headers.Location?.Query ?? "", StringComparison.Ordinal);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        var view = await Practices.OkAsync(await coordinator.GetAsync($"/api/materials/{material.Id()}"));
        Assert.Equal(0, view.Version("it").GetProperty("downloads").GetInt64());
    }

    private static string Url(RoutePattern pattern, IReadOnlyDictionary<string, string> samples)
    {
        var parts = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                text += part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart { IsCatchAll: true } => "no/such/thing",
                    RoutePatternParameterPart { Name: "language" } => "it",
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "int") => "1",
                    RoutePatternParameterPart p => samples.FirstOrDefault(s => pattern.RawText!.StartsWith(s.Key, StringComparison.Ordinal) && s.Key.Contains($"{{{p.Name}}}", StringComparison.Ordinal)).Value ?? "no-such-id",
                    _ => "",
                };
            }
            parts.Add(text);
        }
        return "/" + string.Join('/', parts);
    }

    private static string Headers(HttpResponseMessage response) =>
        string.Join('\n', response.Headers.Concat(response.Content.Headers)
            .Where(h => !Varying.Contains(h.Key))
            .OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
}
