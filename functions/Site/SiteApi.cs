using Exchange.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Site;

/// <summary>
/// What the server says about the site's pages: 404 for addresses that lead nowhere, robots.txt and
/// sitemap.xml. Standalone serves them at their own paths; behind Static Web Apps its routes rewrite
/// <c>/practices/*</c>, <c>/partners/*</c>, <c>/robots.txt</c> and <c>/sitemap.xml</c> to <c>/api/site/…</c>,
/// and the original address arrives in the <c>x-ms-original-url</c> header.
/// </summary>
public static class SiteApi
{
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddSingleton<SiteShell>();
        services.AddSingleton<SitePages>();
        services.AddSingleton<ISitePages>(sp => sp.GetRequiredService<SitePages>());
        return services;
    }

    public static IEndpointRouteBuilder MapSiteApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/site").WithTags("Site").ExcludeFromDescription();
        group.MapMethods("/page", [HttpMethods.Get, HttpMethods.Head], PageAsync);
        group.MapGet("/robots.txt", Robots);
        group.MapGet("/sitemap.xml", SitemapAsync);
        if (!HostingOptions.IsHosted(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            app.MapGet("/robots.txt", Robots);
            app.MapGet("/sitemap.xml", SitemapAsync);
        }
        return app;
    }

    public static Task PageAsync(HttpContext context, SitePages pages, CancellationToken ct)
    {
        var original = context.Request.Headers["x-ms-original-url"].ToString();
        var path = Uri.TryCreate(original, UriKind.Absolute, out var url) ? url.PathAndQuery
            : original.StartsWith('/') ? original
            : "/api/site/page";
        return pages.ServeAsync(context, path, ct);
    }

    public static IResult Robots(IOptions<SiteOptions> site) =>
        TypedResults.Text(SitePages.Robots(site.Value.PublicBaseUrl), "text/plain; charset=utf-8");

    public static async Task<IResult> SitemapAsync(SitePages pages, CancellationToken ct) =>
        TypedResults.Bytes(await pages.SitemapAsync(ct), "application/xml; charset=utf-8");
}
