using System.Security.Claims;
using Exchange.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Organisations;

/// <summary>Which organisation a new record belongs to: one rule for practices and materials.</summary>
public static class OrganisationOwnership
{
    /// <summary>
    /// A new record's first steps: its body, then whose it will be (<see cref="ForNewRecordAsync"/>). The
    /// validator goes on to the record's own fields, so every field error is answered at once.
    /// </summary>
    public static async Task<Result<NewRecord<TInput>>> ReadNewRecordAsync<TInput>(
        HttpContext context, Func<TInput, string?> organisationId, OrganisationStore organisations, string records, CancellationToken ct)
        where TInput : class
    {
        if (!(await JsonBody.ReadAsync<TInput>(context.Request, ct)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var v = new Validator();
        var owner = await ForNewRecordAsync(context.User, organisationId(input), v, organisations, records, ct);
        return owner.Failed ? owner.Problem : new NewRecord<TInput>(input, v, owner.Value);
    }

    /// <summary>
    /// A coordinator names the organisation (a missing or unknown one is a field error, added to
    /// <paramref name="v"/> for the caller's other fields); a partner's defaults to, and may only be,
    /// their own (anything else is 403). The organisation is null only when <paramref name="v"/> says why.
    /// </summary>
    public static async Task<Result<Organisation?>> ForNewRecordAsync(
        ClaimsPrincipal user, string? requested, Validator v, OrganisationStore organisations, string records, CancellationToken ct)
    {
        var organisationId = user.IsCoordinator() ? v.RequiredText("organisationId", requested, 100) : requested ?? user.OrganisationId();
        if (!user.IsCoordinator() && organisationId != user.OrganisationId())
        {
            return Problems.Forbidden($"Partners add {records} for their own organisation only.");
        }
        // An empty id already has its "required" message; looking it up would only add a second one.
        var organisation = string.IsNullOrEmpty(organisationId) ? null : await organisations.GetAsync(organisationId, ct);
        if (!string.IsNullOrEmpty(organisationId) && organisation is null)
        {
            v.Add("organisationId", "This organisation is not in the directory; choose one from the list.", ProblemCodes.Organisation);
        }
        return new Result<Organisation?>(organisation, null);
    }
}

/// <summary>A new record's body, the validator its fields go on to, and its organisation (null only when the validator says why).</summary>
public sealed record NewRecord<TInput>(TInput Input, Validator Validator, Organisation? Owner);
