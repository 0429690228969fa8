using Exchange.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Accounts;

/// <summary>
/// Cross-site request forgery defence on top of SameSite=Strict cookies: an unsafe method
/// carrying a session cookie must come from our own origin. Requests without the cookie
/// carry no authority, so they pass and are judged by their endpoint.
/// </summary>
public sealed class OriginCheckMiddleware(RequestDelegate next, IOptions<SiteOptions> site)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method) &&
            context.Request.Cookies.ContainsKey(SessionAuthenticationHandler.CookieName) &&
            !IsSameOrigin(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 403, Title = "Cross-site request refused.", Detail = "The Origin header does not match this site." },
            });
            return;
        }
        await next(context);
    }

    private bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            origin = request.Headers.Referer.ToString();
        }
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }
        var publicUrl = site.Value.PublicBaseUrl;
        var matchesPublic = string.Equals(uri.Scheme, publicUrl.Scheme, StringComparison.OrdinalIgnoreCase) &&
                            string.Equals(uri.Host, publicUrl.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == publicUrl.Port;
        var matchesHost = string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        return matchesPublic || matchesHost;
    }
}
