using Exchange.Common;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Exchange.Hosting;

public static class WebHosting
{
    /// <summary>Hosting glue: ProblemDetails for every error, JSON defaults, the timer machinery, the mode switch.</summary>
    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SiteOptions>().Bind(builder.Configuration.GetSection(SiteOptions.Section));
        TestingClock.AddClock(builder);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.Remove("exception");
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<ExceptionProblems>();
        // Every API request is bounded (storage sets the bound), so a storage stall ends in a 503 the
        // client can act on rather than in the client giving up. Endpoints that move files or run timers opt out.
        services.AddRequestTimeouts();
        // A query or route value that does not parse is thrown rather than answered with a bare
        // 400, so that ExceptionProblems can name the parameter.
        services.PostConfigure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // The scheme the client used, as a proxy on this machine (the Functions host, a local
            // reverse proxy) reports it; only loopback proxies are trusted, the defaults' KnownProxies.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedProto;
        });
        services.ConfigureHttpJsonOptions(o => JsonDefaults.Configure(o.SerializerOptions));
        services.AddSingleton<TimerInvoker>();
        services.AddResponseCompression(o =>
        {
            // The site and its data are public text; bodies never echo a secret, so compressing
            // them over HTTPS gives nothing away (BREACH needs a secret reflected beside input).
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json",
                "application/problem+json", "application/atom+xml", "text/csv"];
        });
        // Closer to what Static Web Apps sends for the site's files than the default "fastest" (a quarter more bytes),
        // at a cost in microseconds for bodies this size.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);

        if (HostingOptions.IsHosted(builder.Configuration))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration[HostingOptions.PortVariable]}");
        }
        else
        {
            services.AddHostedServiceAfterStart<LocalTimerScheduler>();
        }
        return builder;
    }

    public static WebApplication UseHosting(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Outermost, and applied as the response starts, so that an error answer written after
        // the response was cleared still carries them.
        var sitePolicy = ContentSecurityPolicy.Site(app.Services.GetServices<ConnectSource>().Select(s => s.Origin));
        app.Use((context, next) => SecurityHeaders(context, next, sitePolicy));
        app.Use(HeadRequests.WithoutBodyAsync);
        app.UseExceptionHandler();
        app.UseStatusCodePages(BindingFailures.WriteStatusProblemAsync);
        app.UseResponseCompression();
        app.Use(ConditionalHeaders.CheckAsync);
        app.UseRequestTimeouts();
        return app;
    }

    /// <summary>
    /// Static Web Apps applies its headers to pages only, so the API sets its own; the
    /// standalone site gets the same policy as the hosted one.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next, string sitePolicy)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var api = context.Request.Path.StartsWithSegments("/api");
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // An endpoint that serves a page from under /api (the practice pages behind Static Web Apps) sets its own.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = api ? ContentSecurityPolicy.Api : sitePolicy;
            }
            // An endpoint may allow more (a public document the browser may keep and revalidate).
            if (api && string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>Standalone mode serves the built site, with index.html for client-side routes.</summary>
    public static WebApplication MapSite(this WebApplication app)
    {
        if (HostingOptions.IsHosted(app.Configuration))
        {
            return app;
        }
        var root = Path.GetFullPath(app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.WebRoot, app.Environment.ContentRootPath);
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("No built site at {WebRoot}; serving the API only. Run 'npm run build -w web'.", root);
            return app;
        }
        var files = new PhysicalFileProvider(root);
        // No default document: "/" is a page like the others, served with its own first HTML below.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = c =>
            {
                c.Context.Response.Headers.CacheControl = c.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });
        // A catch-all route rather than MapFallback(pattern, handler), which the request delegate
        // generator mishandles; unknown API paths get a ProblemDetails 404, never index.html.
        app.Map("/api/{**path}", () => Problems.NotFound("This API route")).ExcludeFromDescription();
        // Every other address is a page of the app, or a 404 (with the app's "not found" page) when it leads nowhere.
        app.MapMethods("{**path:nonfile}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, ISitePages pages, CancellationToken ct) =>
            pages.ServeAsync(context, (context.Request.Path.Value ?? "/") + context.Request.QueryString, ct));
        return app;
    }
}

/// <summary>Serves the app's pages, with 404 for addresses that lead nowhere; implemented by the site feature.</summary>
public interface ISitePages
{
    /// <param name="address">The page's path, with its query (a practice's <c>?lang=</c> picks the text its head describes).</param>
    Task ServeAsync(HttpContext context, string address, CancellationToken ct);
}
