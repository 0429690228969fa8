using Exchange.Audit;
using System.Security.Claims;
using Exchange.Accounts;
using Exchange.Common;
using Exchange.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Mobilities;

/// <summary>
/// Essays after the visits: the coordinator reads the ones waiting, marks them read, and
/// publishes those whose author consented; the public reads published essays next to the host.
/// </summary>
public static class EssaysApi
{
    public static IEndpointRouteBuilder MapEssays(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/essays", ListPublishedAsync).WithTags("Essays");
        var review = app.MapGroup("/api/essays/review").RequireAuthorization(Policies.Coordinator).WithTags("Essays");
        review.MapGet("/", ListForReviewAsync);
        review.MapGet("/{mobilityId}", GetAsync);
        review.MapPost("/{mobilityId}/read", (string mobilityId, ClaimsPrincipal user, EssayStore essays, OrganisationStore organisations, TimeProvider time, CancellationToken ct) =>
            TransitionAsync(mobilityId, user, essays, organisations, time, MarkRead, ct));
        review.MapPost("/{mobilityId}/publish", async (string mobilityId, ClaimsPrincipal user, EssayStore essays, OrganisationStore organisations, TimeProvider time, IAuditTrail audit, CancellationToken ct) =>
            await Audited(await TransitionAsync(mobilityId, user, essays, organisations, time, Publish, ct), audit, user, AuditActions.EssayPublished, mobilityId, ct));
        review.MapPost("/{mobilityId}/unpublish", async (string mobilityId, ClaimsPrincipal user, EssayStore essays, OrganisationStore organisations, TimeProvider time, IAuditTrail audit, CancellationToken ct) =>
            await Audited(await TransitionAsync(mobilityId, user, essays, organisations, time, Unpublish, ct), audit, user, AuditActions.EssayUnpublished, mobilityId, ct));
        return app;
    }

    private static async Task<Results<Ok<EssayView>, ProblemHttpResult>> Audited(
        Results<Ok<EssayView>, ProblemHttpResult> result, IAuditTrail audit, ClaimsPrincipal user, string action, string mobilityId, CancellationToken ct)
    {
        if (result.Result is Ok<EssayView>)
        {
            await audit.RecordAsync(user.Email(), action, mobilityId, ct);
        }
        return result;
    }

    public static async Task<Ok<List<PublishedEssay>>> ListPublishedAsync(string? organisationId, EssayStore essays, OrganisationStore organisations, CancellationToken ct)
    {
        var names = await NamesAsync(organisations, ct);
        var published = await essays.ListAsync(EssayStatus.Published, string.IsNullOrWhiteSpace(organisationId) ? null : organisationId.Trim(), ct);
        return TypedResults.Ok(published.OrderByDescending(e => e.PublishedAt)
            .Select(e => new PublishedEssay(e.MobilityId, e.ParticipantName, e.Profession, e.SendingOrganisationId, names.GetValueOrDefault(e.SendingOrganisationId, e.SendingOrganisationId),
                e.HostOrganisationId, names.GetValueOrDefault(e.HostOrganisationId, e.HostOrganisationId), e.StartDate, e.EndDate, e.Text, e.PublishedAt ?? e.SubmittedAt))
            .ToList());
    }

    /// <summary>Essays waiting to be read by default; <c>status</c> = submitted, read, published or all.</summary>
    public static async Task<Results<Ok<List<EssaySummary>>, ProblemHttpResult>> ListForReviewAsync(string? status, EssayStore essays, OrganisationStore organisations, CancellationToken ct)
    {
        EssayStatus? wanted = EssayStatus.Submitted;
        if (status is "all")
        {
            wanted = null;
        }
        else if (!string.IsNullOrEmpty(status))
        {
            wanted = Enum.GetValues<EssayStatus>().Where(s => string.Equals(s.ToString(), status, StringComparison.OrdinalIgnoreCase)).Select(s => (EssayStatus?)s).FirstOrDefault();
            if (wanted is null)
            {
                return Problems.Validation(("status", "Use submitted, read, published or all."));
            }
        }
        var names = await NamesAsync(organisations, ct);
        return TypedResults.Ok((await essays.ListAsync(wanted, null, ct)).OrderBy(e => e.SubmittedAt)
            .Select(e => new EssaySummary(e.MobilityId, e.ParticipantName, e.SendingOrganisationId, names.GetValueOrDefault(e.SendingOrganisationId, e.SendingOrganisationId),
                e.HostOrganisationId, names.GetValueOrDefault(e.HostOrganisationId, e.HostOrganisationId), e.StartDate, e.EndDate, e.Status, e.ConsentToPublish, e.SubmittedAt, e.Text.Length))
            .ToList());
    }

    public static async Task<Results<Ok<EssayView>, ProblemHttpResult>> GetAsync(string mobilityId, EssayStore essays, OrganisationStore organisations, CancellationToken ct) =>
        await essays.GetAsync(mobilityId, ct) is { } essay
            ? TypedResults.Ok(View(essay, await NamesAsync(organisations, ct)))
            : Problems.NotFound("The essay");

    private static (Essay?, string?) MarkRead(Essay essay, string by, DateTimeOffset now) =>
        essay.Status == EssayStatus.Submitted ? (essay with { Status = EssayStatus.Read, ReadAt = now, ReadBy = by }, null) : (essay, null);

    private static (Essay?, string?) Publish(Essay essay, string by, DateTimeOffset now) =>
        !essay.ConsentToPublish ? (null, "The participant did not consent to publication, so this essay stays private.")
        : essay.Status == EssayStatus.Published ? (essay, null)
        : (essay with { Status = EssayStatus.Published, ReadAt = essay.ReadAt ?? now, ReadBy = essay.ReadBy ?? by, PublishedAt = now, PublishedBy = by }, null);

    private static (Essay?, string?) Unpublish(Essay essay, string by, DateTimeOffset now) =>
        essay.Status == EssayStatus.Published ? (essay with { Status = EssayStatus.Read, PublishedAt = null, PublishedBy = null }, null) : (essay, null);

    /// <summary>Applies a transition to the latest version; repeating one already done changes nothing.</summary>
    private static async Task<Results<Ok<EssayView>, ProblemHttpResult>> TransitionAsync(
        string mobilityId, ClaimsPrincipal user, EssayStore essays, OrganisationStore organisations, TimeProvider time,
        Func<Essay, string, DateTimeOffset, (Essay?, string?)> transition, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await essays.GetAsync(mobilityId, ct) is not { } essay)
            {
                return Problems.NotFound("The essay");
            }
            var (changed, error) = transition(essay, user.Email(), time.GetUtcNow());
            if (error is not null)
            {
                return Problems.Conflict(error);
            }
            var saved = ReferenceEquals(changed, essay) ? essay : await essays.SaveAsync(changed!, ct);
            if (saved is not null)
            {
                return TypedResults.Ok(View(saved, await NamesAsync(organisations, ct)));
            }
        }
        return Problems.Conflict("The essay kept changing; reload and try again.");
    }

    private static EssayView View(Essay e, IReadOnlyDictionary<string, string> names) =>
        new(e.MobilityId, e.ParticipantName, e.Profession, e.SendingOrganisationId, names.GetValueOrDefault(e.SendingOrganisationId, e.SendingOrganisationId),
            e.HostOrganisationId, names.GetValueOrDefault(e.HostOrganisationId, e.HostOrganisationId), e.StartDate, e.EndDate, e.Text, e.ConsentToPublish, e.Status,
            e.SubmittedAt, e.ReadAt, e.ReadBy, e.PublishedAt, e.PublishedBy);

    private static async Task<IReadOnlyDictionary<string, string>> NamesAsync(OrganisationStore organisations, CancellationToken ct) =>
        (await organisations.ListAsync(ct)).ToDictionary(o => o.Id, o => o.Name);
}
