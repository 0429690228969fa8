using System.Globalization;
using System.Security.Claims;
using Exchange.Common;
using Exchange.Hosting;
using Exchange.Organisations;
using Exchange.Practices;
using Exchange.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Exchange.Twinning;

/// <summary>The collaborators every twinning handler needs, resolved once per request, and the steps they share.</summary>
public sealed class TwinningContext(
    TwinningStore store, RegistrationStore registrations, OrganisationStore organisations, PracticeStore practices, ServiceVocabulary services,
    MeetingReminders reminders, IOptions<TwinningOptions> options, IOptions<SiteOptions> site, TimeProvider time, ILogger<TwinningContext> logger)
{
    private IReadOnlyDictionary<string, Organisation>? _organisations;

    public TwinningStore Store => store;
    public RegistrationStore Registrations => registrations;
    public PracticeStore Practices => practices;
    public ServiceVocabulary Services => services;
    public MeetingReminders Reminders => reminders;
    public TwinningOptions Options => options.Value;
    public SiteOptions Site => site.Value;
    public TimeProvider Time => time;
    public ILogger Logger => logger;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The partners directory, read once per request.</summary>
    public async Task<IReadOnlyDictionary<string, Organisation>> OrganisationsAsync(CancellationToken ct) =>
        _organisations ??= (await organisations.ListAsync(ct)).ToDictionary(o => o.Id, StringComparer.Ordinal);

    public async Task<OrganisationRef> RefAsync(string id, CancellationToken ct) =>
        (await OrganisationsAsync(ct)).TryGetValue(id, out var o) ? new OrganisationRef(o.Id, o.Name, o.City, o.Country) : new OrganisationRef(id, id, "", "");

    public async Task<Result<TwinningRecord>> LoadAsync(string id, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } twinning ? twinning : Problems.NotFound("The twinning");

    public async Task<Result<(TwinningRecord Twinning, Meeting Meeting)>> LoadMeetingAsync(string id, string meetingId, CancellationToken ct)
    {
        if (!(await LoadAsync(id, ct)).TryGet(out var twinning, out var problem))
        {
            return problem;
        }
        return await store.GetMeetingAsync(id, meetingId, ct) is { } meeting ? (twinning, meeting) : Problems.NotFound("The meeting");
    }

    /// <summary>A published practice's id and name, or null when there is none by that id or it is not public.</summary>
    public async Task<PracticeRef?> PublishedPracticeAsync(string? id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id) || await practices.GetAsync(id.Trim(), ct) is not { Published: { } published } practice)
        {
            return null;
        }
        return new PracticeRef(practice.Id, published.Original.Text.Name, published.Original.Language);
    }

    public static ViewerRights Rights(ClaimsPrincipal user, TwinningRecord twinning)
    {
        if (user.IsCoordinator())
        {
            return new ViewerRights(Roles.Coordinator, null, true, true, true, true);
        }
        var organisation = user.IsInRole(Roles.Partner) ? user.OrganisationId() : null;
        var role = organisation is null ? null
            : organisation == twinning.MentorOrganisationId ? "mentor"
            : twinning.IsLearner(organisation) ? "learner"
            : null;
        return new ViewerRights(role, organisation, false, role == "mentor", role == "learner", role is not null);
    }

    public async Task<MeetingView> MeetingViewAsync(Meeting m, ViewerRights viewer, bool withETag, CancellationToken ct)
    {
        int? left = null;
        if (m.Capacity is { } capacity)
        {
            left = Math.Max(0, capacity - await registrations.TakenAsync(m.TwinningId, m.Id, ct));
        }
        var past = Now >= m.EndsAt;
        var canRegister = !past && !m.IsCancelled &&
            (viewer.CanEdit || viewer.Role is not null || (viewer.OrganisationId is { } org && m.InvitedOrganisationIds.Contains(org)));
        var invited = new List<OrganisationRef>();
        foreach (var id in m.InvitedOrganisationIds)
        {
            invited.Add(await RefAsync(id, ct));
        }
        return new MeetingView(m.Id, m.Format, m.Title, m.Agenda, m.Materials, m.IsPublic, m.Capacity, left, m.Status, m.TimeZone,
            m.LocalStart?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), m.DurationMinutes, viewer.SeesJoinLinks ? m.JoinUrl : null,
            m.HostOrganisationId is { } host ? await RefAsync(host, ct) : null, m.Address, m.City, m.FirstDate, m.LastDate, invited, m.StartsAt, m.EndsAt,
            m.Sequence, past, canRegister, withETag ? m.ETag : null);
    }

    public async Task<UpdateView> UpdateViewAsync(TwinningUpdate u, bool withETag, CancellationToken ct) =>
        new(u.Id, u.Date, u.AuthorOrganisationId is { } author ? await RefAsync(author, ct) : null, u.Published, u.Revision,
            u.Texts.OrderByDescending(t => t.IsOriginal).ThenBy(t => t.Language, StringComparer.Ordinal)
                .Select(t => new UpdateTextView(t.Language, t.IsOriginal, t.TranslatesRevision, u.IsOutOfDate(t), t.Title, t.Body)).ToList(),
            u.UpdatedAt, withETag ? u.ETag : null);

    public async Task<OutcomeView> OutcomeViewAsync(LearnerOutcome o, bool withETag, CancellationToken ct) =>
        new(await RefAsync(o.OrganisationId, ct), o.Adoption, o.Language, o.Practice, o.Started, o.FirstResults, o.Indicators, o.UpdatedAt, withETag ? o.ETag : null);

    public async Task<RegistrationView> RegistrationViewAsync(Registration r, CancellationToken ct) =>
        new(r.Id, r.MeetingId, await RefAsync(r.OrganisationId, ct), r.Name, r.Role, r.Email, r.Language, r.Status, r.Unsubscribed, r.RegisteredAt,
            r.RegisteredBy, r.CancelledAt, r.ETag);

    public static ProblemHttpResult Stale(string what) => Edit.Stale(what);
}
