using Exchange.Audit;
using System.Security.Claims;
using Exchange.Accounts;
using Exchange.Catalogue;
using Exchange.Common;
using Exchange.Email;
using Exchange.Hosting;
using Exchange.Organisations;
using Exchange.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Exchange.Practices;

public static class PracticesApi
{
    public static IServiceCollection AddPractices(this IServiceCollection services)
    {
        services.AddSingleton<PracticeStore>();
        services.AddSingleton<IPersonalDataHolder, PracticePersonalData>();
        services.AddSingleton<CatalogueIndex>();
        services.AddScoped<PracticeContext>();
        services.AddHostedServiceAfterStart<CatalogueSync>();
        return services;
    }

    public static IEndpointRouteBuilder MapPractices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/vocabularies", () => TypedResults.Ok(new Vocabularies(Vocabulary.Fields, Vocabulary.TargetGroups, Vocabulary.Languages, Vocabulary.Licences))).WithTags("Practices");

        var group = app.MapGroup("/api/practices").RequireAuthorization(Policies.Editor).WithTags("Practices");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapGet("/{id}/review", ReviewAsync).RequireAuthorization(Policies.Coordinator);
        group.MapPut("/{id}", UpdateAsync);
        group.MapPut("/{id}/translations/{language}", TranslateAsync);
        group.MapDelete("/{id}/translations/{language}", RemoveTranslationAsync);
        group.MapPost("/{id}/submit", (string id, HttpContext c, PracticeContext p, CancellationToken ct) =>
            TransitionAsync(id, c, p, (practice, by, now) => Task.FromResult(PracticeWorkflow.Submit(practice, by, now)), coordinatorOnly: false, ct));
        group.MapPost("/{id}/request-changes", RequestChangesAsync).RequireAuthorization(Policies.Coordinator);
        group.MapPost("/{id}/publish", (string id, HttpContext c, PracticeContext p, CancellationToken ct) =>
            TransitionAsync(id, c, p, (practice, by, now) => Task.FromResult(PracticeWorkflow.Publish(practice, by, now)), coordinatorOnly: true, ct))
            .RequireAuthorization(Policies.Coordinator);
        group.MapPost("/{id}/unpublish", UnpublishAsync).RequireAuthorization(Policies.Coordinator);
        return app;
    }

    /// <summary>The collaborators every practice handler needs, resolved once per request.</summary>
    public sealed class PracticeContext(
        PracticeStore store, OrganisationStore organisations, CatalogueIndex catalogue, AccountStore accounts, MailQueue mail,
        IOptions<SiteOptions> site, IOptions<AccountsOptions> accountsOptions, TimeProvider time, ILogger<PracticeContext> logger, IAuditTrail audit)
    {
        public IAuditTrail Audit => audit;
        public PracticeStore Store => store;
        public OrganisationStore Organisations => organisations;
        public CatalogueIndex Catalogue => catalogue;
        public AccountStore Accounts => accounts;
        public MailQueue Mail => mail;
        public SiteOptions Site => site.Value;
        public AccountsOptions AccountsOptions => accountsOptions.Value;
        public TimeProvider Time => time;
        public ILogger Logger => logger;
    }

    public static async Task<Ok<List<PracticeListItem>>> ListAsync(ClaimsPrincipal user, PracticeStore store, OrganisationStore organisations, string? status, CancellationToken ct)
    {
        PracticeStatus? wanted = Enum.TryParse<PracticeStatus>(status?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var s) ? s : null;
        var names = (await organisations.ListAsync(ct)).ToDictionary(o => o.Id, o => o.Name);
        var list = await store.ListAsync(user.IsCoordinator() ? null : user.OrganisationId(), wanted, ct);
        return TypedResults.Ok(list.Select(p => new PracticeListItem(p.Id, p.Name, p.OrganisationId, names.GetValueOrDefault(p.OrganisationId, p.OrganisationId),
            p.Status, p.IsPublished, p.IsPublished && p.Status != PracticeStatus.Published, p.UpdatedAt, p.Languages)).ToList());
    }

    public static async Task<Results<Created<PracticeView>, ProblemHttpResult>> CreateAsync(HttpContext context, PracticeContext p, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<PracticeInput>(context.Request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var input = body.Value!;
        var user = context.User;
        var v = new Validator();
        var (organisation, forbidden) = await OrganisationOwnership.ForNewRecordAsync(user, input.OrganisationId, v, p.Organisations, "practices", ct);
        if (forbidden is not null)
        {
            return forbidden;
        }
        var facts = PracticeRules.Facts(v, input, p.Time.GetUtcNow().Year);
        var text = PracticeRules.Text(v, input.Text);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var practice = PracticeWorkflow.Create(PracticeStore.NewId(organisation!.Id), organisation.Id, facts!, text!, user.Email(), p.Time.GetUtcNow());
        var created = await p.Store.CreateAsync(practice, ct);
        context.Response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/practices/{created.Id}", PracticeView.From(created, organisation.Name));
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> GetAsync(string id, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        var (practice, problem) = await LoadAsync(id, context.User, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        context.Response.Headers.ETag = practice!.ETag;
        return TypedResults.Ok(await ViewAsync(practice, p, ct));
    }

    /// <summary>The revision as the public will see it and, for a published practice, what changed since the published version.</summary>
    public static async Task<Results<Ok<PracticeReview>, ProblemHttpResult>> ReviewAsync(string id, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        var (practice, problem) = await LoadAsync(id, context.User, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        var organisation = (await p.Organisations.GetAsync(practice!.OrganisationId, ct))?.Name ?? practice.OrganisationId;
        var preview = CatalogueDocument.From(practice.Id, practice.OrganisationId, organisation, practice.Working, practice.PublishedAt ?? WholeSeconds(p.Time.GetUtcNow()));
        var published = practice.Published is null ? null : CatalogueDocument.From(practice.Id, practice.OrganisationId, organisation, practice.Published, practice.PublishedAt!.Value);
        var changes = practice.Published is null ? [] : PracticeDiff.Compare(practice.Published, practice.Working);
        context.Response.Headers.ETag = practice.ETag;
        return TypedResults.Ok(new PracticeReview(practice.Id, practice.Status, practice.ETag, practice.LastComment, preview, published, changes));
    }

    /// <summary>A preview's would-be publication time, to the second, so two reads of the same review are the same size.</summary>
    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> UpdateAsync(string id, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        if (!EditPrecondition.TryIfMatch(context.Request, "practice", out var etag, out var precondition))
        {
            return precondition;
        }
        var (practice, problem) = await LoadAsync(id, context.User, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        var body = await JsonBody.ReadAsync<PracticeInput>(context.Request, ct);
        if (body.Problem is { } bad)
        {
            return bad;
        }
        var input = body.Value!;
        var v = new Validator();
        if (input.OrganisationId is not null && input.OrganisationId != practice!.OrganisationId)
        {
            v.Add("organisationId", "A practice cannot move to another organisation.");
        }
        var facts = PracticeRules.Facts(v, input, p.Time.GetUtcNow().Year);
        var text = PracticeRules.Text(v, input.Text);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        return await SaveAsync(context, p, PracticeWorkflow.Edit(practice!, facts!, text!, context.User.Email(), p.Time.GetUtcNow()), etag, ct);
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> TranslateAsync(string id, string language, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        if (!EditPrecondition.TryIfMatch(context.Request, "practice", out var etag, out var precondition))
        {
            return precondition;
        }
        var (practice, problem) = await LoadAsync(id, context.User, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        var body = await JsonBody.ReadAsync<TextInput>(context.Request, ct);
        if (body.Problem is { } bad)
        {
            return bad;
        }
        var v = new Validator();
        var code = Vocabulary.NormaliseLanguage(language);
        if (code is null)
        {
            v.Add("language", "Choose the language of the translation from the list.", ProblemCodes.Language);
        }
        var text = PracticeRules.Text(v, body.Value, "");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var (changed, error) = PracticeWorkflow.Translate(practice!, code!, text!, context.User.Email(), p.Time.GetUtcNow());
        return error is not null ? Problems.Validation(("language", error)) : await SaveAsync(context, p, changed!, etag, ct);
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> RemoveTranslationAsync(string id, string language, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        if (!EditPrecondition.TryIfMatch(context.Request, "practice", out var etag, out var precondition))
        {
            return precondition;
        }
        var (practice, problem) = await LoadAsync(id, context.User, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (changed, error) = PracticeWorkflow.RemoveTranslation(practice!, language, context.User.Email(), p.Time.GetUtcNow());
        return error is not null ? Problems.NotFound("The translation") : await SaveAsync(context, p, changed!, etag, ct);
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> RequestChangesAsync(string id, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CommentInput>(context.Request, ct);
        if (body.Problem is { } bad)
        {
            return bad;
        }
        var v = new Validator();
        var comment = v.RequiredText("comment", body.Value!.Comment, 2000);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        return await TransitionAsync(id, context, p, (practice, by, now) => Task.FromResult(PracticeWorkflow.RequestChanges(practice, comment!, by, now)), coordinatorOnly: true, ct);
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> UnpublishAsync(string id, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        string? comment = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var body = await JsonBody.ReadAsync<CommentInput>(context.Request, ct);
            if (body.Problem is { } bad)
            {
                return bad;
            }
            var v = new Validator();
            comment = v.OptionalText("comment", body.Value!.Comment, 2000);
            if (!v.IsValid)
            {
                return v.ToProblem();
            }
        }
        return await TransitionAsync(id, context, p, (practice, by, now) => Task.FromResult(PracticeWorkflow.Unpublish(practice, comment, by, now)), coordinatorOnly: true, ct);
    }

    private static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> TransitionAsync(
        string id, HttpContext context, PracticeContext p, Func<Practice, string, DateTimeOffset, Task<(Practice?, string?)>> transition, bool coordinatorOnly, CancellationToken ct)
    {
        if (coordinatorOnly && !context.User.IsCoordinator())
        {
            return Problems.Forbidden("Only a coordinator can do this.");
        }
        if (!EditPrecondition.TryIfMatch(context.Request, "practice", out var etag, out var precondition))
        {
            return precondition;
        }
        var (practice, problem) = await LoadAsync(id, context.User, p, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (changed, error) = await transition(practice!, context.User.Email(), p.Time.GetUtcNow());
        return error is not null ? Problems.Conflict(error) : await SaveAsync(context, p, changed!, etag, ct);
    }

    private static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> SaveAsync(HttpContext context, PracticeContext p, Practice changed, string etag, CancellationToken ct)
    {
        var saved = await p.Store.SaveAsync(changed, etag, ct);
        if (saved is null)
        {
            return Problems.Conflict("Someone else changed this practice after you opened it. Reload to see their changes.");
        }
        var last = saved.History[^1].Action;
        if (last is "published" or "unpublished")
        {
            await p.Catalogue.ApplyAsync(saved, ct);
            await p.Audit.RecordAsync(context.User.Email(), last == "published" ? AuditActions.PracticePublished : AuditActions.PracticeUnpublished, saved.Id, ct);
        }
        if (last is "published" or "changes-requested")
        {
            await NotifyEditorsAsync(saved, p, ct);
        }
        if (last is "submitted" or "resubmitted")
        {
            await NotifyCoordinatorsAsync(saved, p, ct);
        }
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok(await ViewAsync(saved, p, ct));
    }

    private static async Task NotifyEditorsAsync(Practice practice, PracticeContext p, CancellationToken ct)
    {
        var name = practice.Working.Original.Text.Name;
        var language = SupportedLanguages.Resolve(practice.Working.Facts.Language);
        var published = practice.History[^1].Action == "published";
        var link = new Uri(p.Site.PublicBaseUrl, published ? $"/practices/{practice.Id}" : $"/my/practices/{practice.Id}");
        try
        {
            foreach (var editor in (await p.Accounts.ListUsersAsync(ct)).Where(u => u.OrganisationId == practice.OrganisationId))
            {
                await p.Mail.AcceptAsync(published
                    ? PracticeMails.Published(editor.Email, name, link, language)
                    : PracticeMails.ChangesRequested(editor.Email, name, practice.LastComment ?? "", link, language), ct);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The transition is saved; a lost notice must not undo it. The history shows what happened.
            p.Logger.LogWarning(ex, "Could not notify the editors about practice {PracticeId}", practice.Id);
        }
    }

    /// <summary>Each coordinator who kept the notice switched on hears that a practice waits for review.</summary>
    private static async Task NotifyCoordinatorsAsync(Practice practice, PracticeContext p, CancellationToken ct)
    {
        var name = practice.Working.Original.Text.Name;
        var organisation = (await p.Organisations.GetAsync(practice.OrganisationId, ct))?.Name ?? practice.OrganisationId;
        var again = practice.History[^1].Action == "resubmitted";
        var link = new Uri(p.Site.PublicBaseUrl, $"/my/practices/{practice.Id}/review");
        foreach (var coordinator in p.AccountsOptions.CoordinatorEmails.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct())
        {
            try
            {
                var preferences = await p.Accounts.PreferencesAsync(coordinator, ct);
                if (preferences.SubmissionMails)
                {
                    await p.Mail.AcceptAsync(PracticeMails.Submitted(coordinator, name, organisation, again, link, preferences.Language), ct);
                }
            }
            catch (EmailSendException ex)
            {
                // The submission is saved; the weekly digest lists it all the same.
                p.Logger.LogWarning(ex, "Could not tell a coordinator about practice {PracticeId}", practice.Id);
            }
        }
    }

    private static async Task<(Practice?, ProblemHttpResult?)> LoadAsync(string id, ClaimsPrincipal user, PracticeContext p, CancellationToken ct)
    {
        var practice = await p.Store.GetAsync(id, ct);
        if (practice is null)
        {
            return (null, Problems.NotFound("The practice"));
        }
        return user.MayEditOrganisation(practice.OrganisationId)
            ? (practice, null)
            : (null, Problems.Forbidden("This practice belongs to another organisation."));
    }

    private static async Task<PracticeView> ViewAsync(Practice practice, PracticeContext p, CancellationToken ct) =>
        PracticeView.From(practice, (await p.Organisations.GetAsync(practice.OrganisationId, ct))?.Name ?? practice.OrganisationId);
}
