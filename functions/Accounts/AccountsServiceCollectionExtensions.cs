using System.Threading.RateLimiting;
using Exchange.Hosting;
using Exchange.Storage;
using Microsoft.AspNetCore.Authentication;

namespace Exchange.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountsOptions>().Bind(configuration.GetSection(AccountsOptions.Section));
        services.AddSingleton<AccountStore>();
        services.AddSingleton<Common.IPersonalDataHolder, AccountPersonalData>();
        services.AddSingleton<LocalLinks>();
        services.AddSingleton<SignInMailer>();
        services.AddSingleton<IPendingWorkHandler>(sp => sp.GetRequiredService<SignInMailer>());

        // The core only: sessions live in Table storage, so the Data Protection key ring that
        // AddAuthentication brings (and warms up at start) would never be used.
        services.AddWebEncoders();
        services.AddAuthenticationCore(o =>
        {
            o.DefaultScheme = SessionAuthenticationHandler.SchemeName;
            o.AddScheme<SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        });
        services.AddOptions<AuthenticationSchemeOptions>(SessionAuthenticationHandler.SchemeName);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Coordinator, p => p.RequireRole(Roles.Coordinator))
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.Coordinator, Roles.Partner));

        var perMinute = configuration.GetSection(AccountsOptions.Section).GetValue(nameof(AccountsOptions.SignInRequestsPerMinute), new AccountsOptions().SignInRequestsPerMinute);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many sign-in requests.", Detail = "Wait a minute and try again." },
                });
            };
            limiter.AddPolicy(AuthApi.SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        services.AddTimerFunction<PurgeExpiredTokens>(PurgeExpiredTokens.Name, PurgeExpiredTokens.Schedule);
        return services;
    }

    /// <summary>
    /// Behind the Functions host every request comes from loopback; the front door's
    /// X-Forwarded-For names the real client there.
    /// </summary>
    private static string ClientAddress(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var first = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app) =>
        app.MapAuth().MapInvitations();
}
