using Exchange.Audit;
using System.Security.Claims;
using Exchange.Accounts;
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
        services.AddScoped<PracticeContext>();
        return services;
    }

    public static IEndpointRouteBuilder MapPractices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/vocabularies", () => TypedResults.Ok(new Vocabularies(Vocabulary.Fields, Vocabulary.TargetGroups, Vocabulary.Languages, Vocabulary.Licences))).WithTags("Practices")
            .WithSummary("The practice template's word lists: fields, target groups, languages and licences, each in English and Italian.");

        var group = app.MapGroup("/api/practices").RequireAuthorization(Policies.Editor).WithTags("Practices");
        group.MapGet("/", ListAsync).WithSummary("The practices the editor may edit (a coordinator: all), optionally of one status.");
        group.MapPost("/", CreateAsync).Accepts<PracticeInput>("application/json").ETag().WithSummary("Start a practice, as a draft.");
        group.MapGet("/{id}", GetAsync).ETag().WithSummary("One practice's working revision, for its editor.");
        group.MapGet("/{id}/review", ReviewAsync).RequireAuthorization(Policies.Coordinator).ETag()
            .WithSummary("The revision as the public would see it, and what changed since the published version.");
        group.MapPut("/{id}", UpdateAsync).Accepts<PracticeInput>("application/json").IfMatch("practice").ETag().WithSummary("Change a practice.");
        group.MapPut("/{id}/translations/{language}", TranslateAsync).Accepts<TextInput>("application/json").IfMatch("practice").ETag()
            .WithSummary("Add or change a translation of a practice's text.");
        group.MapDelete("/{id}/translations/{language}", RemoveTranslationAsync).IfMatch("practice").ETag().WithSummary("Remove a translation.");
        group.MapPost("/{id}/submit", (string id, HttpContext c, PracticeContext p, CancellationToken ct) =>
            TransitionAsync(id, c, p, PracticeWorkflow.Submit, coordinatorOnly: false, ct))
            .IfMatch("practice").ETag().WithSummary("Submit a practice for review by a coordinator.");
        group.MapPost("/{id}/request-changes", RequestChangesAsync).RequireAuthorization(Policies.Coordinator).Accepts<CommentInput>("application/json")
            .IfMatch("practice").ETag().WithSummary("Send a submitted practice back to its editors with a comment.");
        group.MapPost("/{id}/publish", (string id, HttpContext c, PracticeContext p, CancellationToken ct) =>
            TransitionAsync(id, c, p, PracticeWorkflow.Publish, coordinatorOnly: true, ct))
            .RequireAuthorization(Policies.Coordinator).IfMatch("practice").ETag().WithSummary("Publish a submitted practice in the catalogue.");
        group.MapPost("/{id}/unpublish", UnpublishAsync).RequireAuthorization(Policies.Coordinator).Accepts<CommentInput>(isOptional: true, "application/json")
            .IfMatch("practice").ETag().WithSummary("Take a practice out of the catalogue, optionally with a comment to its editors.");
        return app;
    }

    /// <summary>The collaborators every practice handler needs, resolved once per request.</summary>
    public sealed class PracticeContext(
        PracticeStore store, OrganisationStore organisations, IPracticePublication catalogue, AccountStore accounts, MailQueue mail,
        IOptions<SiteOptions> site, IOptions<AccountsOptions> accountsOptions, TimeProvider time, ILogger<PracticeContext> logger, IAuditTrail audit)
    {
        public IAuditTrail Audit => audit;
        public PracticeStore Store => store;
        public OrganisationStore Organisations => organisations;
        public IPracticePublication Catalogue => catalogue;
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
        if (!(await OrganisationOwnership.ReadNewRecordAsync<PracticeInput>(context, i => i.OrganisationId, p.Organisations, "practices", ct))
                .TryGet(out var step, out var problem))
        {
            return problem;
        }
        var (input, v, owner) = step;
        var user = context.User;
        var facts = PracticeRules.Facts(v, input, p.Time.GetUtcNow().Year);
        var text = PracticeRules.Text(v, input.Text);
        if (owner is not { } organisation || facts is null || text is null || !v.IsValid)
        {
            return v.ToProblem();
        }
        var practice = PracticeWorkflow.Create(PracticeStore.NewId(organisation.Id), organisation.Id, facts, text, user.Email(), p.Time.GetUtcNow());
        var created = await p.Store.CreateAsync(practice, ct);
        context.Response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/practices/{created.Id}", PracticeView.From(created, organisation.Name));
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> GetAsync(string id, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        if (!(await LoadAsync(id, context.User, p, ct)).TryGet(out var practice, out var problem))
        {
            return problem;
        }
        context.Response.Headers.ETag = practice.ETag;
        return TypedResults.Ok(await ViewAsync(practice, p, ct));
    }

    /// <summary>The revision as the public will see it and, for a published practice, what changed since the published version.</summary>
    public static async Task<Results<Ok<PracticeReview>, ProblemHttpResult>> ReviewAsync(string id, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        if (!(await LoadAsync(id, context.User, p, ct)).TryGet(out var practice, out var problem))
        {
            return problem;
        }
        var organisation = (await p.Organisations.GetAsync(practice.OrganisationId, ct))?.Name ?? practice.OrganisationId;
        var preview = CatalogueDocument.From(practice.Id, practice.OrganisationId, organisation, practice.Working, practice.PublishedAt ?? WholeSeconds(p.Time.GetUtcNow()));
        var published = practice.Published is null ? null : CatalogueDocument.From(practice.Id, practice.OrganisationId, organisation, practice.Published, practice.PublishedAt!.Value);
        var changes = practice.Published is null ? [] : PracticeDiff.Compare(practice.Published, practice.Working);
        context.Response.Headers.ETag = practice.ETag;
        return TypedResults.Ok(new PracticeReview(practice.Id, practice.Status, practice.ETag, practice.LastComment, preview, published, changes));
    }

    /// <summary>A preview's would-be publication time, to the second, so two reads of the same review are the same size.</summary>
    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    /// <summary>If-Match → load → body → validate → save; a practice never moves to another organisation.</summary>
    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> UpdateAsync(string id, HttpContext context, PracticeContext p, CancellationToken ct) =>
        await AnswerAsync(context, p, await Edit.RunAsync(context.Request, "practice", () => LoadAsync(id, context.User, p, ct), (Practice practice, PracticeInput input) =>
        {
            var v = new Validator();
            if (input.OrganisationId is not null && input.OrganisationId != practice.OrganisationId)
            {
                v.Add("organisationId", "A practice cannot move to another organisation.");
            }
            var facts = PracticeRules.Facts(v, input, p.Time.GetUtcNow().Year);
            var text = PracticeRules.Text(v, input.Text);
            return facts is null || text is null || !v.IsValid
                ? v.ToProblem()
                : PracticeWorkflow.Edit(practice, facts, text, context.User.Email(), p.Time.GetUtcNow());
        }, SaveAsync(p, ct), Stale, ct), ct);

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> TranslateAsync(string id, string language, HttpContext context, PracticeContext p, CancellationToken ct) =>
        await AnswerAsync(context, p, await Edit.RunAsync(context.Request, "practice", () => LoadAsync(id, context.User, p, ct), (Practice practice, TextInput body) =>
        {
            var v = new Validator();
            var code = Vocabulary.NormaliseLanguage(language);
            if (code is null)
            {
                v.Add("language", "Choose the language of the translation from the list.", ProblemCodes.Language);
            }
            var text = PracticeRules.Text(v, body, "");
            return code is null || text is null || !v.IsValid
                ? v.ToProblem()
                : PracticeWorkflow.Translate(practice, code, text, context.User.Email(), p.Time.GetUtcNow()).OrProblem(error => Problems.Validation(("language", error)));
        }, SaveAsync(p, ct), Stale, ct), ct);

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> RemoveTranslationAsync(string id, string language, HttpContext context, PracticeContext p, CancellationToken ct) =>
        await AnswerAsync(context, p, await Edit.RunAsync(context.Request, "practice", () => LoadAsync(id, context.User, p, ct),
            practice => PracticeWorkflow.RemoveTranslation(practice, language, context.User.Email(), p.Time.GetUtcNow()).OrProblem(_ => Problems.NotFound("The translation")),
            SaveAsync(p, ct), Stale), ct);

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> RequestChangesAsync(string id, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<CommentInput>(context.Request, ct)).TryGet(out var body, out var bad))
        {
            return bad;
        }
        var v = new Validator();
        if (v.RequiredText("comment", body.Comment, 2000) is not { } comment || !v.IsValid)
        {
            return v.ToProblem();
        }
        return await TransitionAsync(id, context, p, (practice, by, now) => PracticeWorkflow.RequestChanges(practice, comment, by, now), coordinatorOnly: true, ct);
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> UnpublishAsync(string id, HttpContext context, PracticeContext p, CancellationToken ct)
    {
        string? comment = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            if (!(await JsonBody.ReadAsync<CommentInput>(context.Request, ct)).TryGet(out var body, out var bad))
            {
                return bad;
            }
            var v = new Validator();
            comment = v.OptionalText("comment", body.Comment, 2000);
            if (!v.IsValid)
            {
                return v.ToProblem();
            }
        }
        return await TransitionAsync(id, context, p, (practice, by, now) => PracticeWorkflow.Unpublish(practice, comment, by, now), coordinatorOnly: true, ct);
    }

    private static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> TransitionAsync(
        string id, HttpContext context, PracticeContext p, Func<Practice, string, DateTimeOffset, Outcome<Practice>> transition, bool coordinatorOnly, CancellationToken ct)
    {
        if (coordinatorOnly && !context.User.IsCoordinator())
        {
            return Problems.Forbidden("Only a coordinator can do this.");
        }
        return await AnswerAsync(context, p, await Edit.RunAsync(context.Request, "practice", () => LoadAsync(id, context.User, p, ct),
            practice => transition(practice, context.User.Email(), p.Time.GetUtcNow()).OrProblem(Problems.Conflict), SaveAsync(p, ct), Stale), ct);
    }

    private static ProblemHttpResult Stale => Edit.Stale("practice");

    private static Func<Practice, string, Task<Practice?>> SaveAsync(PracticeContext p, CancellationToken ct) =>
        (changed, etag) => p.Store.SaveAsync(changed, etag, ct);

    /// <summary>What follows a saved change: the catalogue and the audit for a publication, the mails of a transition, and the answer.</summary>
    private static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> AnswerAsync(HttpContext context, PracticeContext p, Result<Practice> edit, CancellationToken ct)
    {
        if (!edit.TryGet(out var saved, out var problem))
        {
            return problem;
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

    private static async Task<Result<Practice>> LoadAsync(string id, ClaimsPrincipal user, PracticeContext p, CancellationToken ct)
    {
        var practice = await p.Store.GetAsync(id, ct);
        if (practice is null)
        {
            return Problems.NotFound("The practice");
        }
        return user.MayEditOrganisation(practice.OrganisationId) ? practice : Problems.Forbidden("This practice belongs to another organisation.");
    }

    private static async Task<PracticeView> ViewAsync(Practice practice, PracticeContext p, CancellationToken ct) =>
        PracticeView.From(practice, (await p.Organisations.GetAsync(practice.OrganisationId, ct))?.Name ?? practice.OrganisationId);
}
