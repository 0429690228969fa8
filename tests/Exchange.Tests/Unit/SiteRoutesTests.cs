using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Site;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Unit;

/// <summary>The app's router, the server's page list and the Static Web Apps routes name the same pages.</summary>
public sealed partial class SiteRoutesTests
{
    [Fact]
    public void The_server_knows_every_page_of_the_router_and_no_other()
    {
        var main = File.ReadAllText(Path.Combine(Repository.Root, "web", "src", "main.ts"));
        var routed = AddRoute().Matches(main).Select(m => m.Groups[1].Value).Order().ToArray();
        Assert.Equal(routed, SitePages.Patterns.Order().ToArray());
    }

    [Fact]
    public void Static_web_apps_serves_every_page_sends_public_records_to_the_api_and_answers_404_for_the_rest()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "web", "public", "staticwebapp.config.json")));
        var root = config.RootElement;
        Assert.False(root.TryGetProperty("navigationFallback", out _), "A navigation fallback would answer 200 for every address.");
        var notFound = root.GetProperty("responseOverrides").GetProperty("404");
        Assert.Equal(("/404.html", 404), (notFound.GetProperty("rewrite").GetString(), notFound.GetProperty("statusCode").GetInt32()));

        var routes = root.GetProperty("routes").EnumerateArray()
            .Where(r => r.TryGetProperty("rewrite", out _))
            .Select(r => (Route: r.GetProperty("route").GetString()!, Rewrite: r.GetProperty("rewrite").GetString()!)).ToList();
        string? RewriteOf(string path) => routes.FirstOrDefault(r => r.Route.EndsWith("/*", StringComparison.Ordinal)
            ? path.StartsWith(r.Route[..^1], StringComparison.Ordinal) : r.Route == path).Rewrite;

        foreach (var pattern in SitePages.Patterns)
        {
            var example = pattern.Replace(":id", "some-id", StringComparison.Ordinal);
            var expected = pattern is "/practices/:id" or "/partners/:id" ? "/api/site/page"
                : SitePages.PageFile(pattern) is { } file ? $"/{file}" : "/index.html";
            Assert.True(RewriteOf(example) == expected, $"{example} should be rewritten to {expected}, not {RewriteOf(example)}.");
        }
        Assert.Null(RewriteOf("/nope"));
        Assert.Equal("/api/site/robots.txt", RewriteOf("/robots.txt"));
        Assert.Equal("/api/site/sitemap.xml", RewriteOf("/sitemap.xml"));
    }

    [GeneratedRegex(@"addRoute\('([^']+)'")]
    private static partial Regex AddRoute();
}
