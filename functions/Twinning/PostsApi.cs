using System.Security.Claims;
using Exchange.Common;
using Exchange.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Twinning;

/// <summary>
/// The mentor's (or the coordinator's) dated updates, written in any of the partnership's
/// languages and translated as practices are, and each learner's outcome.
/// </summary>
public static class PostsApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id}/updates", CreateUpdateAsync).RequireAuthorization(Policies.Editor).Accepts<UpdateInput>("application/json").ETag()
            .WithSummary("Post an update to a twinning's journal.");
        group.MapPut("/{id}/updates/{updateId}", EditUpdateAsync).RequireAuthorization(Policies.Editor).Accepts<UpdateInput>("application/json").IfMatch("update").ETag()
            .WithSummary("Change an update.");
        group.MapPut("/{id}/updates/{updateId}/translations/{language}", TranslateUpdateAsync).RequireAuthorization(Policies.Editor)
            .Accepts<UpdateTranslationInput>("application/json").IfMatch("update").ETag().WithSummary("Add or change a translation of an update.");
        group.MapDelete("/{id}/updates/{updateId}", DeleteUpdateAsync).RequireAuthorization(Policies.Editor).IfMatch("update").WithSummary("Delete an update.");
        group.MapPut("/{id}/outcomes/{organisationId}", RecordOutcomeAsync).RequireAuthorization(Policies.Editor).Accepts<OutcomeInput>("application/json")
            .IfMatch("outcome", required: false).ETag().WithSummary("Record what an adopting centre made of the service.");
    }

    public static async Task<Results<Created<UpdateView>, ProblemHttpResult>> CreateUpdateAsync(string id, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        var twinning = await MentorAsync(id, context.User, t, ct);
        if (twinning.Failed)
        {
            return twinning.Problem;
        }
        if (!(await JsonBody.ReadAsync<UpdateInput>(context.Request, ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var v = new Validator();
        if (TwinningRules.Update(v, body) is not { } f)
        {
            return v.ToProblem();
        }
        var now = t.Now;
        var update = new TwinningUpdate(id, TwinningIds.Random(10), f.Date, context.User.IsCoordinator() ? null : context.User.OrganisationId(), context.User.Email(),
            body.Published ?? false, 1, [new UpdateText(f.Language, true, null, f.Title, f.Body)], now, now, "");
        if (await t.Store.CreateUpdateAsync(update, ct) is not { } created)
        {
            return Problems.Conflict("An update with this id was created at the same moment; send the request again.");
        }
        context.Response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/twinnings/{id}/updates/{created.Id}", await t.UpdateViewAsync(created, true, ct));
    }

    /// <summary>If-Match → load → body → validate → save. A changed original text is a new revision, which dates its translations.</summary>
    public static async Task<Results<Ok<UpdateView>, ProblemHttpResult>> EditUpdateAsync(string id, string updateId, HttpContext context, TwinningContext t, CancellationToken ct) =>
        await AnswerAsync(context, t, await Edit.RunAsync(context.Request, "update", () => LoadUpdateAsync(id, updateId, context.User, t, ct),
            Result<TwinningUpdate> (TwinningUpdate u, UpdateInput body) =>
            {
                var v = new Validator();
                if (TwinningRules.Update(v, body) is not { } f)
                {
                    return v.ToProblem();
                }
                var original = u.Original;
                var originalChanged = original.Language != f.Language || original.Title != f.Title || original.Body != f.Body;
                return u with
                {
                    Date = f.Date,
                    Published = body.Published ?? u.Published,
                    Revision = originalChanged ? u.Revision + 1 : u.Revision,
                    Texts = [new UpdateText(f.Language, true, null, f.Title, f.Body), .. u.Texts.Where(x => !x.IsOriginal && x.Language != f.Language)],
                    UpdatedAt = t.Now,
                };
            }, (changed, etag) => t.Store.SaveUpdateAsync(changed, etag, ct), TwinningContext.Stale("update"), ct), ct);

    public static async Task<Results<Ok<UpdateView>, ProblemHttpResult>> TranslateUpdateAsync(
        string id, string updateId, string language, HttpContext context, TwinningContext t, CancellationToken ct) =>
        await AnswerAsync(context, t, await Edit.RunAsync(context.Request, "update", () => LoadUpdateAsync(id, updateId, context.User, t, ct),
            Result<TwinningUpdate> (TwinningUpdate u, UpdateTranslationInput body) =>
            {
                var v = new Validator();
                var code = TwinningRules.Language(v, "language", language);
                var text = TwinningRules.Translation(v, body);
                if (code is not null && code == u.Original.Language)
                {
                    v.Add("language", "This is the language of the original text; edit the update itself instead.");
                }
                if (code is null || text is not { } written || !v.IsValid)
                {
                    return v.ToProblem();
                }
                return u with
                {
                    Texts = [.. u.Texts.Where(x => x.Language != code), new UpdateText(code, false, u.Revision, written.Title, written.Body)],
                    UpdatedAt = t.Now,
                };
            }, (changed, etag) => t.Store.SaveUpdateAsync(changed, etag, ct), TwinningContext.Stale("update"), ct), ct);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteUpdateAsync(string id, string updateId, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        var etag = EditPrecondition.Require(context.Request, "update");
        if (etag.Failed)
        {
            return etag.Problem;
        }
        var existing = await LoadUpdateAsync(id, updateId, context.User, t, ct);
        if (existing.Failed)
        {
            return existing.Problem;
        }
        return await t.Store.DeleteUpdateAsync(id, updateId, etag.Value!, ct) ? TypedResults.NoContent() : TwinningContext.Stale("update");
    }

    /// <summary>
    /// A learner organisation's editors (or the coordinator) record its outcome. The first record
    /// needs no ETag; changing it needs the one it was read with.
    /// </summary>
    public static async Task<Results<Ok<OutcomeView>, ProblemHttpResult>> RecordOutcomeAsync(
        string id, string organisationId, HttpContext context, TwinningContext t, Exchange.Transfers.TransferDirectory transfers, CancellationToken ct)
    {
        var precondition = EditPrecondition.Optional(context.Request, "outcome");
        if (precondition.Failed)
        {
            return precondition.Problem;
        }
        var ifMatch = precondition.Value;
        var twinning = await t.LoadAsync(id, ct);
        if (twinning.Failed)
        {
            return twinning.Problem;
        }
        if (!context.User.MayEditOrganisation(organisationId))
        {
            return Problems.Forbidden("Each learning centre records its own outcome.");
        }
        if (!twinning.Value!.IsLearner(organisationId))
        {
            return context.User.IsCoordinator()
                ? Problems.Validation(("organisationId", "This organisation is not a learner of the twinning."))
                : Problems.Forbidden("Only the learning centres of a twinning record outcomes.");
        }
        var existing = await t.Store.GetOutcomeAsync(id, organisationId, ct);
        if (existing is not null && string.IsNullOrWhiteSpace(ifMatch))
        {
            return Problems.PreconditionRequired("Send the outcome's ETag in If-Match, so that concurrent edits are not lost.");
        }
        if (!(await JsonBody.ReadAsync<OutcomeInput>(context.Request, ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var v = new Validator();
        if (TwinningRules.Outcome(v, body) is not { } f)
        {
            return v.ToProblem();
        }
        var outcome = new LearnerOutcome(id, organisationId, f.Adoption, f.Language, f.Practice, f.Started, f.FirstResults, f.Indicators, t.Now, context.User.Email(), "");
        var saved = existing is null
            ? string.IsNullOrWhiteSpace(ifMatch) ? await t.Store.CreateOutcomeAsync(outcome, ct) : null
            : await t.Store.SaveOutcomeAsync(outcome, ifMatch!, ct);
        if (saved is null)
        {
            return TwinningContext.Stale("outcome");
        }
        // The outcome is a transfer record of the twinning's practice: the catalogue counts it.
        await transfers.ChangedAsync(ct);
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok(await t.OutcomeViewAsync(saved, true, ct));
    }

    private static async Task<Results<Ok<UpdateView>, ProblemHttpResult>> AnswerAsync(HttpContext context, TwinningContext t, Result<TwinningUpdate> edit, CancellationToken ct)
    {
        if (!edit.TryGet(out var saved, out var problem))
        {
            return problem;
        }
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok(await t.UpdateViewAsync(saved, true, ct));
    }

    /// <summary>The twinning, if the user may post on it: the coordinator, or an editor of the mentor organisation.</summary>
    private static async Task<Result<TwinningRecord>> MentorAsync(string id, ClaimsPrincipal user, TwinningContext t, CancellationToken ct)
    {
        var twinning = await t.LoadAsync(id, ct);
        if (twinning.Failed || user.MayEditOrganisation(twinning.Value!.MentorOrganisationId))
        {
            return twinning;
        }
        return Problems.Forbidden("Updates are posted by the mentor centre or the coordinator.");
    }

    private static async Task<Result<TwinningUpdate>> LoadUpdateAsync(string id, string updateId, ClaimsPrincipal user, TwinningContext t, CancellationToken ct)
    {
        var twinning = await MentorAsync(id, user, t, ct);
        if (twinning.Failed)
        {
            return twinning.Problem;
        }
        return await t.Store.GetUpdateAsync(id, updateId, ct) is { } update ? update : Problems.NotFound("The update");
    }
}
