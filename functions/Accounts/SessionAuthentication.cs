using Exchange.Common;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Exchange.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Accounts;

/// <summary>
/// Server-side sessions: the HttpOnly cookie holds a random id whose hash keys a row in the
/// Sessions table, so sign-out and expiry take effect on every instance at once.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountStore store,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";
    public const string CookieName = "exchange_session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(CookieName, out var sessionId) || string.IsNullOrEmpty(sessionId))
        {
            return AuthenticateResult.NoResult();
        }
        var session = await store.FindSessionAsync(sessionId, Context.RequestAborted);
        if (session is null)
        {
            return AuthenticateResult.Fail("Session expired or unknown.");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.Email, session.Email),
            new(ClaimTypes.Name, session.Email),
            new(ClaimTypes.Role, session.Role),
        };
        if (session.OrganisationId is not null)
        {
            claims.Add(new Claim(ExchangeClaims.Organisation, session.OrganisationId));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Sign in first.", "This action needs a signed-in account.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed.", "Your account's role does not allow this action.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

public static class SessionCookie
{
    public static void Append(HttpContext context, string sessionId, DateTimeOffset expires) =>
        context.Response.Cookies.Append(SessionAuthenticationHandler.CookieName, sessionId, Options(context, expires));

    public static void Delete(HttpContext context) =>
        context.Response.Cookies.Delete(SessionAuthenticationHandler.CookieName, Options(context, null));

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        // Strict: the cookie never rides on a request started by another site.
        SameSite = SameSiteMode.Strict,
        Secure = IsSecureSite(context),
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    /// <summary>
    /// Behind the Functions host the app itself listens on plain http on loopback, so the socket
    /// does not tell whether the visitor's connection is https. The site's public address does,
    /// and so does a trusted proxy's X-Forwarded-Proto (applied to the request's scheme).
    /// </summary>
    public static bool IsSecureSite(HttpContext context) =>
        context.Request.IsHttps ||
        context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.PublicBaseUrl.Scheme == Uri.UriSchemeHttps;
}
