using Exchange.Common;
using Microsoft.AspNetCore.Diagnostics;
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
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                OperationCanceledException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseResponseCompression();
        app.Use(SecurityHeaders);
        return app;
    }

    /// <summary>
    /// Static Web Apps applies its headers to pages only, so the API sets its own; the
    /// standalone site gets the same policy as the hosted one.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api")
            ? "default-src 'none'; frame-ancestors 'none'"
            : "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            headers.CacheControl = "no-store";
        }
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
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
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
        app.Map("/api/{**path}", () => Problems.NotFound("This API route"));
        // Every other address is a page of the app, or a 404 (with the app's "not found" page) when it leads nowhere.
        app.MapMethods("{**path:nonfile}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, ISitePages pages, CancellationToken ct) =>
            pages.ServeAsync(context, context.Request.Path.Value ?? "/", ct));
        return app;
    }
}

/// <summary>Serves the app's pages, with 404 for addresses that lead nowhere; implemented by the site feature.</summary>
public interface ISitePages
{
    Task ServeAsync(HttpContext context, string path, CancellationToken ct);
}
