using System.Security.Claims;
using Exchange.Common;
using Exchange.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Exchange.Accounts;

public sealed record SignInInput(string? Email, string? Language);

public sealed record CompleteInput(string? Token);

public sealed record SignInAccepted(string Message);

public sealed record Me(bool SignedIn, string? Email = null, string? Role = null, string? OrganisationId = null, string? OrganisationName = null);

public sealed record PreferencesInput(bool? SubmissionMails, bool? WeeklyDigest, string? Language);

public static class AuthApi
{
    public const string SignInRateLimit = "sign-in";

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Sign-in");
        group.MapPost("/auth/sign-in", RequestSignInAsync).RequireRateLimiting(SignInRateLimit).Accepts<SignInInput>("application/json")
            .WithSummary("Ask for a sign-in link by e-mail (the answer is the same whether or not the address has an account).");
        group.MapPost("/auth/complete", CompleteSignInAsync).RequireRateLimiting(SignInRateLimit).Accepts<CompleteInput>("application/json")
            .WithSummary("Redeem a sign-in or invitation link's token; starts the session (sets its cookie).");
        group.MapPost("/auth/sign-out", SignOutAsync).WithSummary("End the session.");
        group.MapGet("/me", GetMeAsync).WithSummary("Who is signed in, if anyone.");
        group.MapGet("/me/preferences", GetPreferencesAsync).RequireAuthorization(Policies.Coordinator).WithSummary("The coordinator's mail preferences.");
        group.MapPut("/me/preferences", SavePreferencesAsync).RequireAuthorization(Policies.Coordinator).Accepts<PreferencesInput>("application/json")
            .WithSummary("Change the coordinator's mail preferences.");
        return app;
    }

    public static async Task<Results<Accepted<SignInAccepted>, ProblemHttpResult>> RequestSignInAsync(
        HttpRequest request, SignInMailer mailer, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<SignInInput>(request, ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var v = new Validator();
        var email = v.Email("email", body.Email);
        var language = v.OptionalText("language", body.Language, 8);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        await mailer.AcceptAsync(new SignInRequest(email!, language), ct);
        return TypedResults.Accepted((string?)null, new SignInAccepted(
            "If this address belongs to a partner account, a sign-in link is on its way. It is valid for 15 minutes."));
    }

    public static async Task<Results<Ok<Me>, ProblemHttpResult>> CompleteSignInAsync(
        HttpContext context, AccountStore store, OrganisationStore organisations, IOptions<AccountsOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<CompleteInput>(context.Request, ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var token = body.Token?.Trim();
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return Problems.Validation(("token", "The sign-in link is incomplete. Copy the whole link from the e-mail."));
        }

        var redeemed = await store.RedeemAsync(token, ct);
        if (redeemed is null)
        {
            return Problems.Validation(("token", "This sign-in link has expired or has already been used. Ask for a new one."));
        }

        string role;
        string? organisationId;
        if (options.Value.IsCoordinator(redeemed.Email))
        {
            (role, organisationId) = (Roles.Coordinator, null);
        }
        else if (redeemed.Kind == TokenKind.Invitation)
        {
            if (redeemed.OrganisationId is null || await organisations.GetAsync(redeemed.OrganisationId, ct) is null)
            {
                return Problems.Validation(("token", "The organisation of this invitation no longer exists."));
            }
            await store.UpsertPartnerAsync(redeemed.Email, redeemed.OrganisationId, ct);
            (role, organisationId) = (Roles.Partner, redeemed.OrganisationId);
        }
        else if (await store.FindUserAsync(redeemed.Email, ct) is { } user)
        {
            (role, organisationId) = (user.Role, user.OrganisationId);
        }
        else
        {
            return Problems.Validation(("token", "This account no longer exists."));
        }

        var expires = time.GetUtcNow() + options.Value.SessionLifetime;
        var sessionId = await store.CreateSessionAsync(new SessionInfo(redeemed.Email, role, organisationId, expires), ct);
        SessionCookie.Append(context, sessionId, expires);
        return TypedResults.Ok(new Me(true, redeemed.Email, role, organisationId));
    }

    public static async Task<NoContent> SignOutAsync(HttpContext context, AccountStore store, CancellationToken ct)
    {
        if (context.Request.Cookies.TryGetValue(SessionAuthenticationHandler.CookieName, out var sessionId) && sessionId is not null)
        {
            await store.DeleteSessionAsync(sessionId, ct);
        }
        SessionCookie.Delete(context);
        return TypedResults.NoContent();
    }

    /// <summary>Who is signed in, with their role and the organisation they edit for.</summary>
    public static async Task<Ok<Me>> GetMeAsync(ClaimsPrincipal user, OrganisationStore organisations, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Ok(new Me(false));
        }
        var organisationId = user.OrganisationId();
        var organisation = organisationId is null ? null : await organisations.GetAsync(organisationId, ct);
        return TypedResults.Ok(new Me(true, user.Email(), user.FindFirstValue(ClaimTypes.Role), organisationId, organisation?.Name));
    }

    /// <summary>A coordinator's mail: a notice for each submitted practice, and the weekly digest.</summary>
    public static async Task<Ok<CoordinatorPreferences>> GetPreferencesAsync(ClaimsPrincipal user, AccountStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.PreferencesAsync(user.Email(), ct));

    public static async Task<Results<Ok<CoordinatorPreferences>, ProblemHttpResult>> SavePreferencesAsync(
        HttpRequest request, ClaimsPrincipal user, AccountStore store, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<PreferencesInput>(request, ct)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var v = new Validator();
        if (input.SubmissionMails is null)
        {
            v.Add("submissionMails", "Say whether you want a mail for each submitted practice (true or false).");
        }
        if (input.WeeklyDigest is null)
        {
            v.Add("weeklyDigest", "Say whether you want the weekly digest (true or false).");
        }
        var language = AccountMails.Language(input.Language);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var preferences = new CoordinatorPreferences(input.SubmissionMails!.Value, input.WeeklyDigest!.Value, language);
        await store.SavePreferencesAsync(user.Email(), preferences, ct);
        return TypedResults.Ok(preferences);
    }
}
