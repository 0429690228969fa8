using System.Security.Claims;
using Exchange.Accounts;
using Exchange.Audit;
using Exchange.Common;
using Exchange.Email;
using Exchange.Hosting;
using Exchange.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Exchange.Privacy;

public sealed record PrivacyRequestInput(string? Email, string? Language);

public sealed record ErasureRequestInput(string? Token, string? Language);

public sealed record ErasureInput(string? Token, bool? KeepEssayPublished);

public sealed record CoordinatorErasureInput(string? Email, bool? KeepEssayPublished, string? Language);

public sealed record ExportInput(string? Email);

public sealed record PrivacyAccess(string Email);

public sealed record PrivacyAnswer(string Message);

public sealed record PrivacySettingsDto(bool KeepProjectRecords);

public sealed record PrivacySettingsInput(bool? KeepProjectRecords);

/// <summary>
/// The rights of the people whose data Exchange holds: access and portability (a ZIP of everything
/// held about them), erasure (confirmed by mail, final, safe to repeat), an editor deleting their
/// own account, and the retention figures the privacy page shows. Answers never tell whether an
/// address is known.
/// </summary>
public static class PrivacyApi
{
    private const string ExportName = "personal-data.zip";

    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section))
            .Validate(o => string.IsNullOrEmpty(o.SigningKey) || o.SigningKey.Length >= 32, "Privacy:SigningKey must be at least 32 characters.")
            .Validate(o => new[] { o.Retention.OutboxCopies, o.Retention.ReminderLogAfterVisit, o.Retention.UnredeemedInvitations, o.Retention.ParticipantsAfterProject }.All(p => p >= TimeSpan.FromDays(1)),
                "Privacy:Retention periods must be at least one day.")
            .ValidateOnStart();
        services.AddSingleton<PrivacyLinks>();
        services.AddSingleton<PrivacySettings>();
        services.AddSingleton<RetentionPolicy>();
        services.AddSingleton<PersonalDataService>();
        services.AddTimerFunction<ApplyRetention>(ApplyRetention.Name, ApplyRetention.Schedule);
        return services;
    }

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/privacy").WithTags("Privacy");
        open.MapGet("/retention", RetentionAsync).WithSummary("How long each kind of personal data is kept.");
        open.MapPost("/requests", RequestAccessAsync).RequireRateLimiting(AuthApi.SignInRateLimit).Accepts<PrivacyRequestInput>("application/json")
            .WithSummary("Ask, by e-mail address, for a link to see and download one's personal data.");
        open.MapGet("/mine", AccessAsync).ParticipantLink().WithSummary("Whose data the privacy link opens.");
        open.MapGet("/export", ExportByLinkAsync).ParticipantLink().Produces<byte[]>(contentType: "application/zip")
            .WithSummary("Download one's personal data, by the privacy link.");
        open.MapPost("/erasure-requests", RequestErasureAsync).RequireRateLimiting(AuthApi.SignInRateLimit).Accepts<ErasureRequestInput>("application/json")
            .ParticipantLink().WithSummary("Ask for one's data to be erased; a link to confirm it is mailed.");
        open.MapPost("/erasure", EraseByLinkAsync).Accepts<ErasureInput>("application/json").ParticipantLink().WithSummary("Confirm the erasure of one's data, by the mailed link.");

        var coordinator = app.MapGroup("/api/privacy").RequireAuthorization(Policies.Coordinator).WithTags("Privacy");
        coordinator.MapPost("/exports", ExportForCoordinatorAsync).Accepts<ExportInput>("application/json").Produces<byte[]>(contentType: "application/zip")
            .WithSummary("Download anyone's personal data, for a request by post or mail (recorded in the audit log).");
        coordinator.MapPost("/erasures", EraseForCoordinatorAsync).Accepts<CoordinatorErasureInput>("application/json")
            .WithSummary("Erase anyone's personal data, for a request by post or mail (the person is told; recorded in the audit log).");
        coordinator.MapGet("/settings", SettingsAsync).WithSummary("The privacy settings.");
        coordinator.MapPut("/settings", SaveSettingsAsync).Accepts<PrivacySettingsInput>("application/json").WithSummary("Change the privacy settings.");

        var me = app.MapGroup("/api/me").RequireAuthorization(Policies.Editor).WithTags("Privacy");
        me.MapGet("/export", ExportOwnAsync).Produces<byte[]>(contentType: "application/zip").WithSummary("Download one's own personal data.");
        me.MapDelete("/", DeleteOwnAccountAsync).WithSummary("Delete one's own editor account.");

        return app;
    }

    public static async Task<Ok<RetentionFigures>> RetentionAsync(RetentionPolicy policy, PrivacySettings settings, CancellationToken ct) =>
        TypedResults.Ok(policy.Figures(await settings.KeepProjectRecordsAsync(ct)));

    /// <summary>Mails a link to the data held about an address, to that address; the answer is the same whether anything is held.</summary>
    public static async Task<Results<Accepted<PrivacyAnswer>, ProblemHttpResult>> RequestAccessAsync(
        HttpRequest request, PrivacyLinks links, IEmailSender email, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<PrivacyRequestInput>(request, ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var v = new Validator();
        var address = v.Email("email", body.Email);
        var language = v.OptionalText("language", body.Language, 8);
        if (address is null || !v.IsValid)
        {
            return v.ToProblem();
        }
        await email.SendAsync(AccessMail(address, await links.AccessPageAsync(address, ct), language), ct);
        return TypedResults.Accepted((string?)null, new PrivacyAnswer("A link to the data held about this address is on its way to it."));
    }

    public static async Task<Results<Ok<PrivacyAccess>, ProblemHttpResult>> AccessAsync(string? token, PrivacyLinks links, CancellationToken ct)
    {
        return (await CheckAsync(token, PrivacyPurpose.Access, links, ct)).TryGet(out var email, out var problem)
            ? TypedResults.Ok(new PrivacyAccess(email))
            : problem;
    }

    /// <summary>The participant's download, from the signed link: readable only with it.</summary>
    public static async Task<IResult> ExportByLinkAsync(string? token, HttpContext context, PrivacyLinks links, PersonalDataService data, ILoggerFactory logs, CancellationToken ct)
    {
        if (!(await CheckAsync(token, PrivacyPurpose.Access, links, ct)).TryGet(out var email, out var problem))
        {
            return problem;
        }
        if (context.Request.IsHead())
        {
            return ExportHeaders(context);
        }
        logs.CreateLogger(typeof(PrivacyApi)).LogInformation("Personal data exported by the person it is about");
        return Export(context, await data.FindAsync(email, ct), data);
    }

    /// <summary>Mails the person a link to confirm the erasure; nothing is erased yet.</summary>
    public static async Task<Results<Accepted<PrivacyAnswer>, ProblemHttpResult>> RequestErasureAsync(
        HttpRequest request, PrivacyLinks links, IEmailSender email, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<ErasureRequestInput>(request, ct)).TryGet(out var body, out var bad))
        {
            return bad;
        }
        if (!(await CheckAsync(body.Token, PrivacyPurpose.Access, links, ct)).TryGet(out var address, out var problem))
        {
            return problem;
        }
        await email.SendAsync(PrivacyMails.ConfirmErasure(address, await links.ErasurePageAsync(address, ct), body.Language), ct);
        return TypedResults.Accepted((string?)null, new PrivacyAnswer("We sent a mail to your address. Follow its link to confirm the erasure."));
    }

    /// <summary>The confirmation from the mail: erases at once. Repeating it is harmless.</summary>
    public static async Task<Results<Ok<PrivacyAnswer>, ProblemHttpResult>> EraseByLinkAsync(
        HttpRequest request, PrivacyLinks links, PersonalDataService data, IOptions<AccountsOptions> accounts, ILoggerFactory logs, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<ErasureInput>(request, ct)).TryGet(out var body, out var bad))
        {
            return bad;
        }
        if (!(await CheckAsync(body.Token, PrivacyPurpose.Erase, links, ct)).TryGet(out var address, out var problem))
        {
            return problem;
        }
        if (accounts.Value.IsCoordinator(address))
        {
            return Problems.Conflict("Coordinators are named in the app's configuration; ask whoever runs Exchange to remove the address there first.");
        }
        var changed = await data.EraseAsync(await data.FindAsync(address, ct), new ErasureChoices(body.KeepEssayPublished ?? false), ct);
        logs.CreateLogger(typeof(PrivacyApi)).LogInformation("Erasure confirmed by the person: {Count} records changed", changed);
        return TypedResults.Ok(new PrivacyAnswer("Your data has been erased."));
    }

    /// <summary>The same export for any address, for requests that arrive by post or mail; streamed to the coordinator who asked, and logged.</summary>
    public static async Task<IResult> ExportForCoordinatorAsync(
        HttpContext context, ClaimsPrincipal user, PersonalDataService data, IAuditTrail audit, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<ExportInput>(context.Request, ct)).TryGet(out var body, out var bad))
        {
            return bad;
        }
        var v = new Validator();
        var address = v.Email("email", body.Email);
        if (address is null || !v.IsValid)
        {
            return v.ToProblem();
        }
        await audit.RecordAsync(user.Email(), AuditActions.Export, null, ct);
        return Export(context, await data.FindAsync(address, ct), data);
    }

    /// <summary>An erasure the coordinator makes on a request by post or mail: the person is told by mail first, then erased.</summary>
    public static async Task<Results<Ok<PrivacyAnswer>, ProblemHttpResult>> EraseForCoordinatorAsync(
        HttpRequest request, ClaimsPrincipal user, PersonalDataService data, IEmailSender email, IAuditTrail audit, IOptions<AccountsOptions> accounts, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<CoordinatorErasureInput>(request, ct)).TryGet(out var body, out var bad))
        {
            return bad;
        }
        var v = new Validator();
        var address = v.Email("email", body.Email);
        var language = v.OptionalText("language", body.Language, 8);
        if (address is not null && accounts.Value.IsCoordinator(address))
        {
            v.Add("email", "Coordinators are named in the app's configuration (Accounts:CoordinatorEmails); remove the address there first.");
        }
        if (address is null || !v.IsValid)
        {
            return v.ToProblem();
        }
        // Sent before the erasure, which then removes the outbox's copy of it too.
        await email.SendAsync(PrivacyMails.ErasureNotice(address, language), ct);
        await data.EraseAsync(await data.FindAsync(address, ct), new ErasureChoices(body.KeepEssayPublished ?? false), ct);
        await audit.RecordAsync(user.Email(), AuditActions.Erasure, null, ct);
        return TypedResults.Ok(new PrivacyAnswer("Whatever was held about this address has been erased."));
    }

    public static async Task<Ok<PrivacySettingsDto>> SettingsAsync(PrivacySettings settings, CancellationToken ct) =>
        TypedResults.Ok(new PrivacySettingsDto(await settings.KeepProjectRecordsAsync(ct)));

    public static async Task<Results<Ok<PrivacySettingsDto>, ProblemHttpResult>> SaveSettingsAsync(
        HttpRequest request, ClaimsPrincipal user, PrivacySettings settings, IAuditTrail audit, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<PrivacySettingsInput>(request, ct)).TryGet(out var body, out var bad))
        {
            return bad;
        }
        if (body.KeepProjectRecords is not { } keep)
        {
            return Problems.Validation(("keepProjectRecords", "Say whether the project's records are kept past their retention (true or false)."));
        }
        await settings.SaveAsync(keep, ct);
        await audit.RecordAsync(user.Email(), AuditActions.RetentionSettings, keep ? "keep" : "apply", ct);
        return TypedResults.Ok(new PrivacySettingsDto(keep));
    }

    public static async Task<IResult> ExportOwnAsync(HttpContext context, ClaimsPrincipal user, PersonalDataService data, CancellationToken ct) =>
        context.Request.IsHead() ? ExportHeaders(context) : Export(context, await data.FindAsync(user.Email(), ct), data);

    /// <summary>
    /// An editor deletes their own account. Their organisation's records stay, attributed to the
    /// organisation; when they were its last editor, the coordinators are told.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteOwnAccountAsync(
        HttpContext context, ClaimsPrincipal user, PersonalDataService data, AccountStore accounts, OrganisationStore organisations, IEmailSender email,
        IOptions<AccountsOptions> options, CancellationToken ct)
    {
        if (user.IsCoordinator())
        {
            return Problems.Conflict("Coordinators are named in the app's configuration (Accounts:CoordinatorEmails); ask whoever runs Exchange to remove your address there.");
        }
        var subject = await data.FindAsync(user.Email(), ct);
        var organisationId = subject.OrganisationId ?? user.OrganisationId();
        subject.OrganisationId = organisationId;
        await data.EraseAsync(subject, ErasureChoices.EraseAll, ct);
        SessionCookie.Delete(context);
        if (organisationId is not null && !(await accounts.ListUsersAsync(ct)).Any(u => u.OrganisationId == organisationId))
        {
            var name = (await organisations.GetAsync(organisationId, ct))?.Name ?? organisationId;
            foreach (var coordinator in options.Value.CoordinatorEmails.Where(c => !string.IsNullOrWhiteSpace(c)))
            {
                var language = (await accounts.PreferencesAsync(coordinator.Trim(), ct)).Language;
                await email.SendAsync(PrivacyMails.LastEditorLeft(coordinator.Trim(), name, language), ct);
            }
        }
        return TypedResults.NoContent();
    }

    private static IResult Export(HttpContext context, PersonalDataSubject subject, PersonalDataService data)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(stream => data.WriteExportAsync(subject, stream, context.RequestAborted), "application/zip", ExportName);
    }

    /// <summary>A HEAD on an export: the GET's headers, without looking anything up or writing the ZIP, whose length is known only once it is written.</summary>
    private static IResult ExportHeaders(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(_ => Task.CompletedTask, "application/zip", ExportName);
    }

    private static EmailMessage AccessMail(string to, Uri link, string? language)
    {
        var t = Texts.For(language);
        var subject = t["privacy.access.subject"];
        var intro = t["privacy.access.intro"];
        var ignore = t["privacy.access.ignore"];
        return new EmailMessage(to, subject, $"{intro}\n\n{link}\n\n{ignore}\n",
            $"<p>{System.Net.WebUtility.HtmlEncode(intro)}</p><p><a href=\"{System.Net.WebUtility.HtmlEncode(link.ToString())}\">{System.Net.WebUtility.HtmlEncode(link.ToString())}</a></p><p>{System.Net.WebUtility.HtmlEncode(ignore)}</p>",
            "privacy");
    }

    private static async Task<Result<string>> CheckAsync(string? token, PrivacyPurpose purpose, PrivacyLinks links, CancellationToken ct)
    {
        var result = await links.CheckAsync(token, purpose, ct);
        return result.Check switch
        {
            PrivacyLinkCheck.Valid when result.Email is { } email => email,
            PrivacyLinkCheck.Expired => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "This link has expired.",
                detail: "Links to your data work for a limited time. Open the privacy page and ask for a new one.",
                extensions: new Dictionary<string, object?> { ["reason"] = "expired" }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This link is not valid.",
                detail: "The link may be incomplete: open it again from the e-mail, or copy the whole address.",
                extensions: new Dictionary<string, object?> { ["reason"] = "invalid" }),
        };
    }
}
