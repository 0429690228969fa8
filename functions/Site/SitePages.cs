using System.Globalization;
using System.Text;
using System.Xml;
using Exchange.Catalogue;
using Exchange.Hosting;
using Exchange.Organisations;
using Microsoft.Extensions.Options;

namespace Exchange.Site;

/// <summary>
/// The site's addresses as the server knows them, so an unknown one answers 404 rather than the
/// app shell with 200. The list mirrors the router in <c>web/src/main.ts</c> and the routes of
/// <c>staticwebapp.config.json</c> (a test holds the three together). A public record's page
/// (<c>/practices/{id}</c>, <c>/partners/{id}</c>) is found only while the record exists and is public;
/// signed-in pages are judged by the app itself, which knows who is asking.
/// </summary>
public sealed class SitePages(CatalogueIndex catalogue, OrganisationStore organisations, SiteShell shell, IOptions<SiteOptions> site) : ISitePages
{
    public static readonly IReadOnlyList<string> Patterns =
    [
        "/", "/partners", "/partners/:id", "/practices", "/practices/:id", "/materials", "/essays",
        "/sign-in", "/sign-in/complete", "/my/account",
        "/my/practices", "/my/practices/new", "/my/practices/:id", "/my/practices/:id/review",
        "/my/materials", "/my/materials/new", "/my/materials/:id",
        "/my/mobilities", "/my/mobilities/new", "/my/mobilities/:id",
        "/admin/organisations", "/admin/organisations/:id", "/admin/invitations", "/admin/outbox", "/admin/outbox/:id",
        "/admin/mobilities", "/admin/essays/:id", "/admin/privacy",
        "/participants/essay", "/participants/unsubscribe",
        "/twinnings", "/twinnings/:id", "/my/twinnings", "/my/twinnings/:id",
        "/admin/twinnings/new", "/admin/twinnings/:id/edit", "/attendance",
        "/privacy", "/privacy/mine", "/privacy/erase",
        "/transfers/:id", "/admin/handbooks", "/admin/handbooks/:id", "/admin/comments",
    ];

    /// <summary>The public pages a search engine may list (the sitemap adds each practice and partner).</summary>
    public static readonly IReadOnlyList<string> PublicPages = ["/", "/partners", "/practices", "/materials", "/essays", "/twinnings", "/privacy"];

    public async Task<bool> ExistsAsync(string path, CancellationToken ct)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var pattern in Patterns)
        {
            var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length != parts.Length || !segments.Zip(parts).All(p => p.First.StartsWith(':') || p.First == p.Second))
            {
                continue;
            }
            return pattern switch
            {
                "/practices/:id" => (await catalogue.SnapshotAsync(ct)).Find(Uri.UnescapeDataString(parts[1])) is not null,
                "/partners/:id" => await organisations.GetAsync(Uri.UnescapeDataString(parts[1]), ct) is not null,
                _ => true,
            };
        }
        return false;
    }

    /// <summary>The app shell for a page that exists; the same shell with 404 for one that does not, so the app shows its "not found" page.</summary>
    public async Task ServeAsync(HttpContext context, string path, CancellationToken ct)
    {
        var exists = path.Length <= 300 && await ExistsAsync(path, ct);
        var html = await shell.IndexHtmlAsync(ct);
        var response = context.Response;
        response.StatusCode = exists ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
        response.ContentType = "text/html; charset=utf-8";
        // Also reached as /api/site/page behind Static Web Apps: a page's policy, not the API's.
        response.Headers.ContentSecurityPolicy = shell.PagePolicy;
        response.Headers.CacheControl = "no-cache";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.WriteAsync(html, ct);
        }
    }

    public static string Robots(Uri baseUrl) =>
        "User-agent: *\nDisallow: /my/\nDisallow: /admin/\nDisallow: /participants/\nDisallow: /sign-in\nDisallow: /api/\n" +
        $"Sitemap: {new Uri(baseUrl, "/sitemap.xml")}\n";

    /// <summary>The public pages, each published practice and each partner's profile.</summary>
    public async Task<byte[]> SitemapAsync(CancellationToken ct)
    {
        var baseUrl = site.Value.PublicBaseUrl;
        var snapshot = await catalogue.SnapshotAsync(ct);
        var partners = await organisations.ListAsync(ct);
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
            xml.WriteStartElement("urlset", ns);
            void Url(string path, DateTimeOffset? modified = null)
            {
                xml.WriteStartElement("url", ns);
                xml.WriteElementString("loc", ns, new Uri(baseUrl, path).ToString());
                if (modified is { } m)
                {
                    xml.WriteElementString("lastmod", ns, m.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                xml.WriteEndElement();
            }
            foreach (var page in PublicPages)
            {
                Url(page);
            }
            foreach (var practice in snapshot.Newest())
            {
                Url($"/practices/{Uri.EscapeDataString(practice.Id)}", practice.PublishedAt);
            }
            foreach (var partner in partners)
            {
                Url($"/partners/{Uri.EscapeDataString(partner.Id)}");
            }
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }
}

/// <summary>
/// The app shell (index.html). Standalone it is read from the built site; behind Static Web Apps,
/// where the function app has no copy, it is fetched from the site itself and kept for a few minutes.
/// </summary>
public sealed class SiteShell(
    IOptions<SiteOptions> site, IConfiguration configuration, IHostEnvironment environment, TimeProvider time, IEnumerable<ConnectSource> connectSources)
{
    /// <summary>The site's own policy, Blob endpoint included, since the app shell serves every page.</summary>
    public string PagePolicy { get; } = ContentSecurityPolicy.Site(connectSources.Select(s => s.Origin));

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private (string Html, DateTimeOffset Until)? _fetched;

    public async Task<string> IndexHtmlAsync(CancellationToken ct)
    {
        if (!HostingOptions.IsHosted(configuration))
        {
            var root = Path.GetFullPath(site.Value.WebRoot, environment.ContentRootPath);
            return await File.ReadAllTextAsync(Path.Combine(root, "index.html"), ct);
        }
        if (_fetched is { } cached && cached.Until > time.GetUtcNow())
        {
            return cached.Html;
        }
        var html = await Http.GetStringAsync(new Uri(site.Value.PublicBaseUrl, "/index.html"), ct);
        _fetched = (html, time.GetUtcNow().AddMinutes(5));
        return html;
    }
}
