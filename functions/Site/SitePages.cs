using System.Globalization;
using System.Text;
using System.Xml;
using Exchange.Catalogue;
using Exchange.Hosting;
using Exchange.Organisations;
using Exchange.Practices;
using Microsoft.AspNetCore.WebUtilities;
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

    /// <summary>The built file holding a public page's own first HTML (<c>web/src/page-heads.ts</c>), or null for a page that starts from index.html.</summary>
    public static string? PageFile(string path) =>
        path == "/" ? "home.html" : PublicPages.Contains(path) ? $"{path.TrimStart('/')}.html" : null;

    public async Task<bool> ExistsAsync(string path, CancellationToken ct) => (await FindAsync(path, null, ct)).Exists;

    /// <summary>Whether the address leads to a page and, for a public record's page, the head its first HTML carries.</summary>
    private async Task<(bool Exists, PageHead? Head)> FindAsync(string path, string? language, CancellationToken ct)
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
                "/practices/:id" => PracticeHead((await catalogue.SnapshotAsync(ct)).Find(Uri.UnescapeDataString(parts[1])), language),
                "/partners/:id" => PartnerHead(await organisations.GetAsync(Uri.UnescapeDataString(parts[1]), ct)),
                _ => (true, null),
            };
        }
        return (false, null);
    }

    /// <summary>A practice in the language asked for (<c>?lang=</c>) when it has that text, else in its original; each text is an alternate.</summary>
    private (bool, PageHead?) PracticeHead(CatalogueDocument? practice, string? language)
    {
        if (practice is null)
        {
            return (false, null);
        }
        var text = practice.TextFor(language);
        var address = PageAddress("practices", practice.Id);
        var alternates = practice.Texts
            .Select(t => new PageAlternate(t.Language, new Uri($"{address.AbsoluteUri}?lang={Uri.EscapeDataString(t.Language)}")))
            .Append(new PageAlternate("x-default", address))
            .ToList();
        var url = text.IsOriginal && language != text.Language ? address : new Uri($"{address.AbsoluteUri}?lang={Uri.EscapeDataString(text.Language)}");
        var summary = string.IsNullOrWhiteSpace(text.Objectives) ? text.Description : text.Objectives;
        return (true, new PageHead(text.Name, PageHead.Summarise(summary), text.Language, url, alternates));
    }

    private (bool, PageHead?) PartnerHead(Organisation? partner) =>
        partner is null ? (false, null)
        : (true, new PageHead(partner.Name, PageHead.Summarise(string.IsNullOrWhiteSpace(partner.Description) ? $"{partner.City}, {partner.Country}" : partner.Description),
            null, PageAddress("partners", partner.Id), []));

    private Uri PageAddress(string section, string id) => new(site.Value.PublicBaseUrl, $"/{section}/{Uri.EscapeDataString(id)}");

    /// <summary>
    /// The first HTML of a page that exists, with a public record's title, description and preview tags;
    /// the same shell with 404 for one that does not, so the app shows its "not found" page.
    /// </summary>
    public async Task ServeAsync(HttpContext context, string address, CancellationToken ct)
    {
        var query = address.IndexOf('?');
        var path = query < 0 ? address : address[..query];
        var language = query >= 0 && QueryHelpers.ParseQuery(address[query..]).TryGetValue("lang", out var lang) ? lang.ToString() : "";
        var (exists, head) = path.Length <= 300 ? await FindAsync(path, language.Length is > 0 and <= 16 ? language : null, ct) : (false, null);
        var first = await shell.HtmlAsync(exists ? path : null, ct);
        var html = !exists ? PageHead.NotFound(first) : head is null ? first : head.ApplyTo(first);
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

    /// <summary>
    /// The first HTML of a page: the public pages without a record (<c>/practices</c>, <c>/materials</c> …) have their
    /// own file from the build, with their title and description; every other page starts from index.html.
    /// </summary>
    /// <param name="path">The page's path; null for an address that leads nowhere.</param>
    public async Task<string> HtmlAsync(string? path, CancellationToken ct)
    {
        if (!HostingOptions.IsHosted(configuration))
        {
            var root = Path.GetFullPath(site.Value.WebRoot, environment.ContentRootPath);
            var own = path is not null && SitePages.PageFile(path) is { } file ? Path.Combine(root, file) : null;
            return await File.ReadAllTextAsync(own is not null && File.Exists(own) ? own : Path.Combine(root, "index.html"), ct);
        }
        if (_fetched is { } cached && cached.Until > time.GetUtcNow())
        {
            return cached.Html;
        }
        // Behind Static Web Apps only record pages come here (the others are static files), and they start from index.html.
        var html = await Http.GetStringAsync(new Uri(site.Value.PublicBaseUrl, "/index.html"), ct);
        _fetched = (html, time.GetUtcNow().AddMinutes(5));
        return html;
    }
}
