using System.Security.Claims;
using Exchange.Accounts;
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
        group.MapPost("/{id}/updates", CreateUpdateAsync).RequireAuthorization(Policies.Editor);
        group.MapPut("/{id}/updates/{updateId}", EditUpdateAsync).RequireAuthorization(Policies.Editor);
        group.MapPut("/{id}/updates/{updateId}/translations/{language}", TranslateUpdateAsync).RequireAuthorization(Policies.Editor);
        group.MapDelete("/{id}/updates/{updateId}", DeleteUpdateAsync).RequireAuthorization(Policies.Editor);
        group.MapPut("/{id}/outcomes/{organisationId}", RecordOutcomeAsync).RequireAuthorization(Policies.Editor);
    }

    public static async Task<Results<Created<UpdateView>, ProblemHttpResult>> CreateUpdateAsync(string id, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        var twinning = await MentorAsync(id, context.User, t, ct);
        if (twinning.Failed)
        {
            return twinning.Problem!;
        }
        var body = await JsonBody.ReadAsync<UpdateInput>(context.Request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var v = new Validator();
        if (TwinningRules.Update(v, body.Value!) is not { } f)
        {
            return v.ToProblem();
        }
        var now = t.Now;
        var update = new TwinningUpdate(id, TwinningIds.Random(10), f.Date, context.User.IsCoordinator() ? null : context.User.OrganisationId(), context.User.Email(),
            body.Value!.Published ?? false, 1, [new UpdateText(f.Language, true, null, f.Title, f.Body)], now, now, "");
        if (await t.Store.CreateUpdateAsync(update, ct) is not { } created)
        {
            return Problems.Conflict("An update with this id was created at the same moment; send the request again.");
        }
        context.Response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/twinnings/{id}/updates/{created.Id}", await t.UpdateViewAsync(created, true, ct));
    }

    /// <summary>If-Match → load → body → validate → save. A changed original text is a new revision, which dates its translations.</summary>
    public static async Task<Results<Ok<UpdateView>, ProblemHttpResult>> EditUpdateAsync(string id, string updateId, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        var etag = EditPrecondition.Require(context.Request, "update");
        if (etag.Failed)
        {
            return etag.Problem!;
        }
        var existing = await LoadUpdateAsync(id, updateId, context.User, t, ct);
        if (existing.Failed)
        {
            return existing.Problem!;
        }
        var body = await JsonBody.ReadAsync<UpdateInput>(context.Request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var v = new Validator();
        if (TwinningRules.Update(v, body.Value!) is not { } f)
        {
            return v.ToProblem();
        }
        var u = existing.Value!;
        var original = u.Original;
        var originalChanged = original.Language != f.Language || original.Title != f.Title || original.Body != f.Body;
        var changed = u with
        {
            Date = f.Date,
            Published = body.Value!.Published ?? u.Published,
            Revision = originalChanged ? u.Revision + 1 : u.Revision,
            Texts = [new UpdateText(f.Language, true, null, f.Title, f.Body), .. u.Texts.Where(x => !x.IsOriginal && x.Language != f.Language)],
            UpdatedAt = t.Now,
        };
        return await SaveUpdateAsync(changed, etag.Value!, context, t, ct);
    }

    public static async Task<Results<Ok<UpdateView>, ProblemHttpResult>> TranslateUpdateAsync(
        string id, string updateId, string language, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        var etag = EditPrecondition.Require(context.Request, "update");
        if (etag.Failed)
        {
            return etag.Problem!;
        }
        var existing = await LoadUpdateAsync(id, updateId, context.User, t, ct);
        if (existing.Failed)
        {
            return existing.Problem!;
        }
        var body = await JsonBody.ReadAsync<UpdateTranslationInput>(context.Request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var v = new Validator();
        var code = TwinningRules.Language(v, "language", language);
        var text = TwinningRules.Translation(v, body.Value!);
        if (code is not null && code == existing.Value!.Original.Language)
        {
            v.Add("language", "This is the language of the original text; edit the update itself instead.");
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var u = existing.Value!;
        var changed = u with
        {
            Texts = [.. u.Texts.Where(x => x.Language != code), new UpdateText(code!, false, u.Revision, text!.Value.Title, text.Value.Body)],
            UpdatedAt = t.Now,
        };
        return await SaveUpdateAsync(changed, etag.Value!, context, t, ct);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteUpdateAsync(string id, string updateId, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        var etag = EditPrecondition.Require(context.Request, "update");
        if (etag.Failed)
        {
            return etag.Problem!;
        }
        var existing = await LoadUpdateAsync(id, updateId, context.User, t, ct);
        if (existing.Failed)
        {
            return existing.Problem!;
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
            return precondition.Problem!;
        }
        var ifMatch = precondition.Value;
        var twinning = await t.LoadAsync(id, ct);
        if (twinning.Failed)
        {
            return twinning.Problem!;
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
        var body = await JsonBody.ReadAsync<OutcomeInput>(context.Request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var v = new Validator();
        if (TwinningRules.Outcome(v, body.Value!) is not { } f)
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

    private static async Task<Results<Ok<UpdateView>, ProblemHttpResult>> SaveUpdateAsync(TwinningUpdate changed, string etag, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        if (await t.Store.SaveUpdateAsync(changed, etag, ct) is not { } saved)
        {
            return TwinningContext.Stale("update");
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
            return twinning.Problem!;
        }
        return await t.Store.GetUpdateAsync(id, updateId, ct) is { } update ? update : Problems.NotFound("The update");
    }
}
