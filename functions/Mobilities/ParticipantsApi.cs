using Exchange.Privacy;
using Exchange.Common;
using Exchange.Organisations;
using Exchange.Reminders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Exchange.Mobilities;

/// <summary>
/// What a participant reaches with the signed link in a reminder, without an account: the visit
/// and the essay form, and the unsubscribe page. The one-click unsubscribe (RFC 8058) is a POST
/// to the URL in the List-Unsubscribe header; mail providers send it without cookies.
/// </summary>
public static class ParticipantsApi
{
    public static IEndpointRouteBuilder MapParticipants(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/participants").WithTags("Participants");
        group.MapGet("/visit", VisitAsync);
        group.MapPost("/essay", SubmitEssayAsync);
        group.MapGet("/subscription", SubscriptionAsync);
        group.MapPost("/unsubscribe", UnsubscribeAsync);
        group.MapPost("/resubscribe", ResubscribeAsync);
        group.MapGet("/privacy", PrivacyLinkAsync);
        return app;
    }

    /// <summary>The collaborators every participant handler needs, resolved once per request.</summary>
    public sealed class ParticipantContext(
        ParticipantTokens tokens, MobilityStore mobilities, OrganisationStore organisations, EssayStore essays, ReminderScheduler reminders,
        IOptions<ParticipantsOptions> options, TimeProvider time, ILogger<ParticipantContext> logger)
    {
        public ParticipantTokens Tokens => tokens;
        public MobilityStore Mobilities => mobilities;
        public OrganisationStore Organisations => organisations;
        public EssayStore Essays => essays;
        public ReminderScheduler Reminders => reminders;
        public ParticipantsOptions Options => options.Value;
        public TimeProvider Time => time;
        public ILogger Logger => logger;
    }

    public static async Task<Results<Ok<ParticipantVisit>, ProblemHttpResult>> VisitAsync(string? token, ParticipantContext p, CancellationToken ct)
    {
        var (mobility, problem) = await AuthoriseAsync(token, TokenPurpose.Essay, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        return TypedResults.Ok(await VisitViewAsync(mobility!, p, ct));
    }

    public static async Task<Results<Ok<ParticipantEssay>, ProblemHttpResult>> SubmitEssayAsync(HttpRequest request, ParticipantContext p, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<EssayInput>(request, ct);
        if (body.Problem is { } bad)
        {
            return bad;
        }
        var input = body.Value!;
        var (mobility, problem) = await AuthoriseAsync(input.Token, TokenPurpose.Essay, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (mobility!.Status == MobilityStatus.Cancelled)
        {
            return Problems.Conflict("This visit was cancelled, so no essay is expected. If you think this is a mistake, write to the project coordinator.");
        }
        var now = p.Time.GetUtcNow();
        var opens = EssayOpensOn(mobility);
        if (ParticipantToday(mobility, now) < opens)
        {
            // Refused before anything is written: the after-visit reminders stay as they are.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The essay is not open yet.",
                detail: $"The essay is about the visit, so it opens on its last day, {opens:yyyy-MM-dd}. The link in your e-mail will work then.",
                extensions: new Dictionary<string, object?> { ["reason"] = "not-open", ["opensOn"] = opens.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        }
        var v = new Validator();
        var text = v.RequiredText("text", input.Text, p.Options.EssayMaxLength, p.Options.EssayMinLength);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var existing = await p.Essays.GetAsync(mobility.Id, ct);
        if (existing is { Status: not EssayStatus.Submitted })
        {
            return Problems.Conflict("The coordinator has already read your essay, so it can no longer be changed here. Write to the project coordinator if you want to change it.");
        }
        var essay = new Essay(mobility.Id, mobility.HostOrganisationId, mobility.SendingOrganisationId, mobility.ParticipantName, mobility.Profession,
            mobility.StartDate, mobility.EndDate, text!, input.ConsentToPublish ?? false, EssayStatus.Submitted, now, null, null, null, null, existing?.ETag ?? "");
        if (await p.Essays.SaveAsync(essay, ct) is not { } saved)
        {
            return Problems.Conflict("Your essay was saved from another window meanwhile. Reload the page to see it.");
        }
        if (mobility.EssaySubmittedAt is null)
        {
            var note = await p.Reminders.BeginAsync(mobility.Id, ct);
            await p.Mobilities.UpdateAsync(mobility.Id, m => m with { EssaySubmittedAt = m.EssaySubmittedAt ?? now }, ct);
            await p.Reminders.FollowAsync(note);
        }
        p.Logger.LogInformation("Essay received for mobility {MobilityId}", mobility.Id);
        return TypedResults.Ok(new ParticipantEssay(saved.Status, saved.Text, saved.ConsentToPublish, saved.SubmittedAt));
    }

    /// <summary>A fresh link to the participant's own data (download, erasure), from the essay link they hold.</summary>
    public static async Task<Results<Ok<ParticipantPrivacyLink>, ProblemHttpResult>> PrivacyLinkAsync(string? token, ParticipantContext p, PrivacyLinks links, CancellationToken ct)
    {
        var (mobility, problem) = await AuthoriseAsync(token, TokenPurpose.Essay, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (mobility!.ParticipantEmail.Length == 0)
        {
            return Problems.NotFound("The participant of this visit");
        }
        return TypedResults.Ok(new ParticipantPrivacyLink(await links.AccessPageAsync(mobility.ParticipantEmail, ct)));
    }

    public static async Task<Results<Ok<ParticipantSubscription>, ProblemHttpResult>> SubscriptionAsync(string? token, ParticipantContext p, CancellationToken ct)
    {
        var (mobility, problem) = await AuthoriseAsync(token, TokenPurpose.Unsubscribe, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        return TypedResults.Ok(await SubscriptionViewAsync(mobility!, p, ct));
    }

    /// <summary>
    /// RFC 8058 one-click unsubscribe: the mail provider POSTs <c>List-Unsubscribe=One-Click</c> as a
    /// form to the URL from the header, without cookies; the site's page may POST with no body. The
    /// body carries nothing we need (the token is in the URL), so it is not read. GET never unsubscribes:
    /// link scanners follow GETs.
    /// </summary>
    public static Task<Results<Ok<ParticipantSubscription>, ProblemHttpResult>> UnsubscribeAsync(string? token, ParticipantContext p, CancellationToken ct) =>
        SetSubscriptionAsync(token, unsubscribed: true, p, ct);

    /// <summary>Undoes an unsubscribe: reminders whose moment has not passed are scheduled again.</summary>
    public static Task<Results<Ok<ParticipantSubscription>, ProblemHttpResult>> ResubscribeAsync(string? token, ParticipantContext p, CancellationToken ct) =>
        SetSubscriptionAsync(token, unsubscribed: false, p, ct);

    private static async Task<Results<Ok<ParticipantSubscription>, ProblemHttpResult>> SetSubscriptionAsync(string? token, bool unsubscribed, ParticipantContext p, CancellationToken ct)
    {
        var (mobility, problem) = await AuthoriseAsync(token, TokenPurpose.Unsubscribe, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (mobility!.Unsubscribed != unsubscribed)
        {
            var now = p.Time.GetUtcNow();
            var note = await p.Reminders.BeginAsync(mobility.Id, ct);
            mobility = await p.Mobilities.UpdateAsync(mobility.Id, m => m with { Unsubscribed = unsubscribed, UnsubscribedAt = unsubscribed ? now : null }, ct);
            await p.Reminders.FollowAsync(note);
            p.Logger.LogInformation("Participant of mobility {MobilityId} {Action} reminders", mobility!.Id, unsubscribed ? "stopped" : "restarted");
        }
        return TypedResults.Ok(await SubscriptionViewAsync(mobility, p, ct));
    }

    /// <summary>The link's mobility, or the problem to show: a friendly word on what to do next.</summary>
    private static async Task<(Mobility?, ProblemHttpResult?)> AuthoriseAsync(string? token, TokenPurpose purpose, ParticipantContext p, CancellationToken ct)
    {
        var result = await p.Tokens.CheckAsync(token, purpose, ct);
        if (result.Check == TokenCheck.Expired)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "This link has expired.",
                detail: "Links in our e-mails work for a limited time. Write to the project coordinator and ask for a new link.",
                extensions: new Dictionary<string, object?> { ["reason"] = "expired" }));
        }
        if (result.Check == TokenCheck.Invalid)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This link is not valid.",
                detail: "The link may be incomplete: open it again from the e-mail, or copy the whole address. If it still does not work, write to the project coordinator for a new link.",
                extensions: new Dictionary<string, object?> { ["reason"] = "invalid" }));
        }
        var mobility = await p.Mobilities.GetAsync(result.MobilityId!, ct);
        return mobility is null
            ? (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This visit is no longer registered.",
                detail: "Write to the project coordinator if you think this is a mistake.", extensions: new Dictionary<string, object?> { ["reason"] = "unknown" }))
            : (mobility, null);
    }

    /// <summary>The essay is about the whole visit, so the form opens on its last day.</summary>
    public static DateOnly EssayOpensOn(Mobility m) => m.EndDate;

    /// <summary>The date in the participant's home country, where their reminders are timed too.</summary>
    public static DateOnly ParticipantToday(Mobility m, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, HomeTimeZones.For(m.HomeCountry)).DateTime);

    private static async Task<ParticipantVisit> VisitViewAsync(Mobility m, ParticipantContext p, CancellationToken ct)
    {
        var host = await p.Organisations.GetAsync(m.HostOrganisationId, ct);
        var sending = await p.Organisations.GetAsync(m.SendingOrganisationId, ct);
        var essay = await p.Essays.GetAsync(m.Id, ct);
        return new ParticipantVisit(m.Id, m.ParticipantName, m.Language, sending?.Name ?? m.SendingOrganisationId, m.HostOrganisationId, host?.Name ?? m.HostOrganisationId,
            host?.City ?? "", host?.Country ?? "", m.StartDate, m.EndDate, m.Status == MobilityStatus.Cancelled,
            essay is null ? null : new ParticipantEssay(essay.Status, essay.Text, essay.ConsentToPublish, essay.SubmittedAt), p.Options.EssayMinLength, p.Options.EssayMaxLength,
            EssayOpensOn(m), ParticipantToday(m, p.Time.GetUtcNow()) >= EssayOpensOn(m));
    }

    private static async Task<ParticipantSubscription> SubscriptionViewAsync(Mobility m, ParticipantContext p, CancellationToken ct)
    {
        var host = await p.Organisations.GetAsync(m.HostOrganisationId, ct);
        return new ParticipantSubscription(m.Id, m.ParticipantName, m.Language, host?.Name ?? m.HostOrganisationId, m.StartDate, m.EndDate, m.Unsubscribed, m.UnsubscribedAt);
    }
}
