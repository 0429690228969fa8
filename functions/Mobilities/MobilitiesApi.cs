using System.Security.Claims;
using Exchange.Common;
using Exchange.Organisations;
using Exchange.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Exchange.Mobilities;

/// <summary>
/// The mobility registry. A coordinator manages every mobility; a partner editor registers and
/// edits their own organisation's outgoing participants, and fills in the host's details of the visits they host.
/// </summary>
public static class MobilitiesApi
{
    public static IServiceCollection AddMobilities(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MobilitiesOptions>().Bind(configuration.GetSection(MobilitiesOptions.Section));
        services.AddOptions<ParticipantsOptions>().Bind(configuration.GetSection(ParticipantsOptions.Section))
            .Validate(o => string.IsNullOrEmpty(o.SigningKey) || o.SigningKey.Length >= 32, "Participants:SigningKey must be at least 32 characters.")
            .ValidateOnStart();
        services.AddSingleton<MobilityStore>();
        services.AddSingleton<EssayStore>();
        services.AddSingleton<ParticipantTokens>();
        services.AddScoped<MobilityContext>();
        services.AddScoped<ParticipantsApi.ParticipantContext>();
        services.AddSingleton<IPersonalDataHolder, MobilityPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapMobilities(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mobilities").RequireAuthorization(Policies.Editor).WithTags("Mobilities");
        group.MapGet("/", ListAsync).WithSummary("The visits the editor's organisation sends or hosts (a coordinator: all).");
        group.MapPost("/", CreateAsync).Accepts<MobilityInput>("application/json").ETag().WithSummary("Plan a visit: who goes where, when (schedules its reminders).");
        group.MapGet("/quota", QuotaAsync).WithSummary("How many professionals each partner has hosted against its quota.");
        group.MapGet("/{id}", GetAsync).ETag().WithSummary("One visit.");
        group.MapPut("/{id}", UpdateAsync).Accepts<MobilityInput>("application/json").IfMatch("mobility").ETag().WithSummary("Change a visit, by its sending organisation.");
        group.MapPut("/{id}/host", UpdateHostAsync).Accepts<HostDetailsInput>("application/json").IfMatch("mobility").ETag()
            .WithSummary("Change the host's part of a visit (address, contact, programme), by the hosting organisation.");
        group.MapPost("/{id}/participant-links", LinksAsync).RequireAuthorization(Policies.Coordinator)
            .WithSummary("New signed links for a visit's participant (essay and unsubscribe), for a coordinator to pass on.");
        app.MapParticipants();
        app.MapEssays();
        return app;
    }

    /// <summary>The collaborators every mobility handler needs, resolved once per request.</summary>
    public sealed class MobilityContext(
        MobilityStore store, OrganisationStore organisations, IMobilityFollower reminders, IOptions<MobilitiesOptions> options, TimeProvider time)
    {
        public MobilityStore Store => store;
        public OrganisationStore Organisations => organisations;
        public IMobilityFollower Reminders => reminders;
        public MobilitiesOptions Options => options.Value;
        public TimeProvider Time => time;

        public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct) =>
            (await organisations.ListAsync(ct)).ToDictionary(o => o.Id, o => o.Name);
    }

    public static async Task<Results<Ok<List<MobilityListItem>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, MobilityContext m, string? direction, string? organisationId, string? status, CancellationToken ct)
    {
        var v = new Validator();
        if (direction is not (null or "" or "outgoing" or "incoming"))
        {
            v.Add("direction", "Use outgoing or incoming, or leave it out for both.");
        }
        else if (!string.IsNullOrEmpty(direction) && user.IsCoordinator() && string.IsNullOrWhiteSpace(organisationId))
        {
            v.Add("direction", "Name the organisation (organisationId) whose outgoing or incoming visits you want.");
        }
        var wanted = MobilityRules.ParseStatus(status);
        if (!string.IsNullOrEmpty(status) && wanted is null)
        {
            v.Add("status", $"Choose one of: {string.Join(", ", MobilityRules.Statuses)}.");
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var organisation = user.IsCoordinator() ? NullIfEmpty(organisationId) : user.OrganisationId();
        if (!user.IsCoordinator() && !string.IsNullOrEmpty(organisationId) && organisationId != organisation)
        {
            return Problems.Forbidden("Partners see their own organisation's mobilities only.");
        }
        var names = await m.NamesAsync(ct);
        var list = await m.Store.ListAsync(organisation, ct);
        return TypedResults.Ok(list
            .Select(x => (Mobility: x, Direction: DirectionOf(x, organisation)))
            .Where(x => string.IsNullOrEmpty(direction) || x.Direction == direction)
            .Where(x => wanted is null || x.Mobility.Status == wanted)
            .Select(x => new MobilityListItem(x.Mobility.Id, x.Mobility.ParticipantName, x.Mobility.Profession, x.Mobility.Language,
                x.Mobility.SendingOrganisationId, names.GetValueOrDefault(x.Mobility.SendingOrganisationId, x.Mobility.SendingOrganisationId),
                x.Mobility.HostOrganisationId, names.GetValueOrDefault(x.Mobility.HostOrganisationId, x.Mobility.HostOrganisationId),
                x.Mobility.StartDate, x.Mobility.EndDate, x.Mobility.Status, x.Direction, user.MayEditOrganisation(x.Mobility.SendingOrganisationId),
                x.Mobility.Unsubscribed, x.Mobility.EssaySubmittedAt is not null))
            .ToList());
    }

    public static async Task<Results<Created<MobilityView>, ProblemHttpResult>> CreateAsync(HttpContext context, MobilityContext m, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<MobilityInput>(context.Request, ct)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var user = context.User;
        var sendingId = NullIfEmpty(input.SendingOrganisationId) ?? (user.IsCoordinator() ? null : user.OrganisationId());
        if (!user.IsCoordinator() && sendingId != user.OrganisationId())
        {
            return Problems.Forbidden("Partners register their own organisation's participants only.");
        }
        var noHostDetails = new HostDetails(null, null, null, null, null);
        if (!(await CheckAsync(input, sendingId, user.IsCoordinator() ? null : noHostDetails, m, ct)).TryGet(out var fields, out var invalid))
        {
            return invalid;
        }
        var now = m.Time.GetUtcNow();
        var id = MobilityStore.NewId(fields.SendingOrganisationId);
        var mobility = Apply(new Mobility(id, fields.SendingOrganisationId, "", "", "", "", "", "", default, default, MobilityStatus.Planned,
            noHostDetails, false, null, null, 0, now, user.Email(), now, user.Email(), ""), fields, user.Email(), now);
        var note = await m.Reminders.BeginAsync(id, ct);
        var created = await m.Store.CreateAsync(mobility, ct);
        await m.Reminders.FollowAsync(note);
        context.Response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/mobilities/{created.Id}", await ViewAsync(created, user, m, ct));
    }

    public static async Task<Results<Ok<MobilityView>, ProblemHttpResult>> GetAsync(string id, HttpContext context, MobilityContext m, CancellationToken ct)
    {
        if (!(await LoadAsync(id, context.User, m, forEdit: false, ct)).TryGet(out var mobility, out var problem))
        {
            return problem;
        }
        context.Response.Headers.ETag = mobility.ETag;
        return TypedResults.Ok(await ViewAsync(mobility, context.User, m, ct));
    }

    /// <summary>If-Match → load → body → validate → save: the sending organisation's side of a mobility.</summary>
    public static async Task<Results<Ok<MobilityView>, ProblemHttpResult>> UpdateAsync(string id, HttpContext context, MobilityContext m, CancellationToken ct) =>
        await AnswerAsync(context, m, await Edit.RunAsync(context.Request, "mobility", () => LoadAsync(id, context.User, m, forEdit: true, ct),
            async (Mobility existing, MobilityInput input) =>
            {
                if (NullIfEmpty(input.SendingOrganisationId) is { } sending && sending != existing.SendingOrganisationId)
                {
                    return Problems.Validation(("sendingOrganisationId", "A mobility cannot move to another sending organisation; cancel it and register a new one."));
                }
                return (await CheckAsync(input, existing.SendingOrganisationId, context.User.IsCoordinator() ? null : existing.Host, m, ct)).TryGet(out var fields, out var invalid)
                    ? Apply(existing, fields, context.User.Email(), m.Time.GetUtcNow())
                    : invalid;
            }, SaveAsync(id, m, ct), Edit.Stale("mobility"), ct), ct);

    /// <summary>The host's address, contact and programme: written by the host organisation's editors or a coordinator.</summary>
    public static async Task<Results<Ok<MobilityView>, ProblemHttpResult>> UpdateHostAsync(string id, HttpContext context, MobilityContext m, CancellationToken ct) =>
        await AnswerAsync(context, m, await Edit.RunAsync(context.Request, "mobility", () => LoadHostedAsync(id, context.User, m, ct),
            (Mobility existing, HostDetailsInput body) =>
            {
                var v = new Validator();
                return MobilityRules.CheckHostDetails(v, body) is { } details && v.IsValid
                    ? existing with { Host = details, Revision = existing.Revision + 1, UpdatedAt = m.Time.GetUtcNow(), UpdatedBy = context.User.Email() }
                    : v.ToProblem();
            }, SaveAsync(id, m, ct), Edit.Stale("mobility"), ct), ct);

    /// <summary>The save of an edit, with the mobility's reminders brought in line with it (they carry its dates and the host's details).</summary>
    private static Func<Mobility, string, Task<Mobility?>> SaveAsync(string id, MobilityContext m, CancellationToken ct) => async (changed, etag) =>
    {
        var note = await m.Reminders.BeginAsync(id, ct);
        var saved = await m.Store.SaveAsync(changed, etag, ct);
        await (saved is null ? m.Reminders.DropAsync(note) : m.Reminders.FollowAsync(note));
        return saved;
    };

    private static async Task<Results<Ok<MobilityView>, ProblemHttpResult>> AnswerAsync(HttpContext context, MobilityContext m, Result<Mobility> edit, CancellationToken ct)
    {
        if (!edit.TryGet(out var saved, out var problem))
        {
            return problem;
        }
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok(await ViewAsync(saved, context.User, m, ct));
    }

    private static async Task<MobilityView> ViewAsync(Mobility mobility, ClaimsPrincipal user, MobilityContext m, CancellationToken ct) =>
        MobilityView.From(mobility, await m.NamesAsync(ct), DirectionOf(mobility, user),
            user.MayEditOrganisation(mobility.SendingOrganisationId), user.MayEditOrganisation(mobility.HostOrganisationId));

    public static async Task<Results<Ok<QuotaView>, ProblemHttpResult>> QuotaAsync(MobilityContext m, CancellationToken ct)
    {
        var organisations = await m.Organisations.ListAsync(ct);
        var mobilities = await m.Store.ListForQuotaAsync(ct);
        return TypedResults.Ok(Quota.Compute(organisations, mobilities, m.Options, DateOnly.FromDateTime(m.Time.GetUtcNow().UtcDateTime)));
    }

    public static async Task<Results<Ok<ParticipantLinksView>, ProblemHttpResult>> LinksAsync(string id, MobilityStore store, ParticipantTokens tokens, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is null)
        {
            return Problems.NotFound("The mobility");
        }
        var links = await tokens.LinksAsync(id, ct);
        return TypedResults.Ok(new ParticipantLinksView(links.EssayPage, links.UnsubscribePage));
    }

    /// <param name="hostOwned">For a sending partner, the host's details as they stand, which the partner cannot change; null for a coordinator.</param>
    private static async Task<Result<MobilityFields>> CheckAsync(MobilityInput input, string? sendingId, HostDetails? hostOwned, MobilityContext m, CancellationToken ct)
    {
        var sending = string.IsNullOrWhiteSpace(sendingId) ? null : await m.Organisations.GetAsync(sendingId, ct);
        var host = string.IsNullOrWhiteSpace(input.HostOrganisationId) ? null : await m.Organisations.GetAsync(input.HostOrganisationId.Trim(), ct);
        var v = new Validator();
        var fields = MobilityRules.Check(v, input, sendingId, sending, host, m.Options);
        var kept = hostOwned is null ? null : MobilityRules.KeepHostDetails(v, input, hostOwned);
        if (fields is null || !v.IsValid)
        {
            return v.ToProblem();
        }
        return kept is null ? fields : fields with { Host = kept };
    }

    private static Mobility Apply(Mobility m, MobilityFields f, string by, DateTimeOffset now) =>
        m with
        {
            HostOrganisationId = f.HostOrganisationId,
            ParticipantName = f.ParticipantName,
            ParticipantEmail = f.ParticipantEmail,
            Language = f.Language,
            Profession = f.Profession,
            HomeCountry = f.HomeCountry,
            StartDate = f.StartDate,
            EndDate = f.EndDate,
            Status = f.Status,
            Host = f.Host,
            Revision = m.Revision + 1,
            UpdatedAt = now,
            UpdatedBy = by,
        };

    /// <summary>
    /// A coordinator sees every mobility and edits it; a partner edits the participant and dates of outgoing
    /// ones and the host's details of incoming ones (<see cref="UpdateHostAsync"/>); both read everything.
    /// </summary>
    private static async Task<Result<Mobility>> LoadAsync(string id, ClaimsPrincipal user, MobilityContext m, bool forEdit, CancellationToken ct)
    {
        var mobility = await m.Store.GetAsync(id, ct);
        if (mobility is null)
        {
            return Problems.NotFound("The mobility");
        }
        if (user.MayEditOrganisation(mobility.SendingOrganisationId))
        {
            return mobility;
        }
        if (!forEdit && user.MayEditOrganisation(mobility.HostOrganisationId))
        {
            return mobility;
        }
        return Problems.Forbidden(user.MayEditOrganisation(mobility.HostOrganisationId)
            ? "Your organisation hosts this visit: you fill in the host's details (PUT …/host); the participant and dates are the sending organisation's."
            : "This mobility belongs to other organisations.");
    }

    /// <summary>The mobility for its host's side: the host organisation's editors or a coordinator.</summary>
    private static async Task<Result<Mobility>> LoadHostedAsync(string id, ClaimsPrincipal user, MobilityContext m, CancellationToken ct)
    {
        if (await m.Store.GetAsync(id, ct) is not { } mobility)
        {
            return Problems.NotFound("The mobility");
        }
        if (!user.MayEditOrganisation(mobility.HostOrganisationId))
        {
            return Problems.Forbidden(user.MayEditOrganisation(mobility.SendingOrganisationId)
                ? "The host organisation fills in its address, contact and programme; ask its editors or the coordinator."
                : "This mobility belongs to other organisations.");
        }
        return mobility;
    }

    private static string? DirectionOf(Mobility mobility, ClaimsPrincipal user) => user.IsCoordinator() ? null : DirectionOf(mobility, user.OrganisationId());

    private static string? DirectionOf(Mobility mobility, string? organisationId) =>
        organisationId is null ? null
        : mobility.SendingOrganisationId == organisationId ? "outgoing"
        : mobility.HostOrganisationId == organisationId ? "incoming"
        : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
