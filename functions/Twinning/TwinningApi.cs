using System.Security.Claims;
using System.Text;
using Exchange.Common;
using Exchange.Storage;
using Exchange.Reminders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Twinning;

/// <summary>
/// Twinnings between family centres. Visitors read them; the coordinator creates them, chooses
/// their members and edits their phases and meetings; member organisations' editors register
/// attendees, the mentor posts updates and each learner records its outcome.
/// </summary>
public static class TwinningApi
{
    public static IServiceCollection AddTwinning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TwinningOptions>().Bind(configuration.GetSection(TwinningOptions.Section))
            .Validate(o => o.InPersonReminderDaysBefore >= 1 && o.LastReminderDaysBefore >= 1 && o.MaxMeetingDays >= 1 && o.MaxAttendeesPerRequest is >= 1 and <= 99,
                "Twinning: reminder days and meeting length must be positive, and MaxAttendeesPerRequest between 1 and 99.")
            .ValidateOnStart();
        services.AddSingleton<TwinningStore>();
        services.AddSingleton<RegistrationStore>();
        services.AddSingleton<Common.IPersonalDataHolder, TwinningPersonalData>();
        services.AddSingleton<ServiceVocabulary>();
        services.AddSingleton<MeetingReminders>();
        services.AddSingleton<IReminderSubject>(sp => sp.GetRequiredService<MeetingReminders>());
        services.AddScoped<TwinningContext>();
        services.AddSingleton<Exchange.Transfers.ITransferSource, TwinningTransfers>();
        return services;
    }

    public static IEndpointRouteBuilder MapTwinning(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/twinnings").WithTags("Twinning");
        group.MapGet("/", ListAsync).WithSummary("The twinnings (open ones to everyone; drafts to their partners and coordinators), optionally of one service.");
        group.MapGet("/services", ServicesAsync).WithSummary("The services a twinning may transfer.");
        group.MapPost("/services", AddServiceAsync).RequireAuthorization(Policies.Coordinator).Accepts<ServiceInput>("application/json")
            .WithSummary("Add a service to the list, named in English and Italian.");
        group.MapGet("/calendar.ics", AllMeetingsCalendarAsync).Produces<string>(contentType: "text/calendar").WithSummary("Every twinning meeting, as an iCalendar feed.");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Coordinator).Accepts<TwinningInput>("application/json").ETag()
            .WithSummary("Pair a mentor centre with the centres that adopt its service.");
        group.MapGet("/{id}", GetAsync).ETag().WithSummary("One twinning: its phases, meetings, updates and outcomes.");
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Coordinator).Accepts<TwinningInput>("application/json").IfMatch("twinning").ETag()
            .WithSummary("Change a twinning.");
        group.MapGet("/{id}/calendar.ics", CalendarAsync).Produces<string>(contentType: "text/calendar").WithSummary("A twinning's meetings, as an iCalendar feed.");
        MeetingsApi.Map(group);
        PostsApi.Map(group);
        AttendanceApi.Map(app);
        return app;
    }

    public static async Task<Results<Ok<List<TwinningSummary>>, ProblemHttpResult>> ListAsync(string? service, ClaimsPrincipal user, TwinningContext t, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(service) && await t.Services.FindAsync(service, ct) is null)
        {
            return Problems.Validation(("service", "This is not one of the twinning services."));
        }
        var twinnings = await t.Store.ListAsync(ct);
        var meetings = (await t.Store.ListAllMeetingsAsync(ct)).Where(m => !m.IsCancelled && m.EndsAt > t.Now).ToLookup(m => m.TwinningId);
        var result = new List<TwinningSummary>();
        foreach (var tw in twinnings.Where(x => string.IsNullOrWhiteSpace(service) || x.Service == service.Trim()))
        {
            var learners = new List<OrganisationRef>();
            foreach (var l in tw.LearnerOrganisationIds)
            {
                learners.Add(await t.RefAsync(l, ct));
            }
            var rights = TwinningContext.Rights(user, tw);
            var next = meetings[tw.Id].Where(m => m.IsPublic || rights.SeesJoinLinks).Select(m => (DateOnly?)m.FirstDate).Min();
            result.Add(new TwinningSummary(tw.Id, tw.Texts, tw.Service, tw.Status, await t.RefAsync(tw.MentorOrganisationId, ct), learners, tw.Regions, next, rights.Role is not null));
        }
        return TypedResults.Ok(result.OrderBy(x => x.Service, StringComparer.Ordinal).ThenBy(x => x.Status).ThenBy(x => x.Texts[0].Title, StringComparer.OrdinalIgnoreCase).ToList());
    }

    public static async Task<Ok<IReadOnlyList<ServiceTerm>>> ServicesAsync(ServiceVocabulary services, CancellationToken ct) =>
        TypedResults.Ok(await services.ListAsync(ct));

    /// <summary>The coordinator extends the vocabulary: an English and an Italian label; the id is the English label's slug.</summary>
    public static async Task<Results<Created<ServiceTerm>, ProblemHttpResult>> AddServiceAsync(HttpRequest request, ServiceVocabulary services, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<ServiceInput>(request, ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var v = new Validator();
        var en = v.RequiredText("en", body.En, 120, 3);
        var it = v.RequiredText("it", body.It, 120, 3);
        var id = en is null ? "" : TextFolding.Slug(en, 60);
        if (en is not null && id.Length < 3)
        {
            v.Add("en", "Use letters or digits in the English label.");
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        return await services.AddAsync(id, en!, it!, ct) is { } term
            ? TypedResults.Created($"/api/twinnings/services#{term.Id}", term)
            : Problems.Conflict("A service with this name already exists.");
    }

    public static async Task<Results<Ok<TwinningView>, ProblemHttpResult>> GetAsync(string id, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        if (await t.Store.ReadAsync(id, ct) is not { } contents)
        {
            return Problems.NotFound("The twinning");
        }
        context.Response.Headers.ETag = contents.Twinning.ETag;
        return TypedResults.Ok(await ViewAsync(contents, context.User, t, ct));
    }

    public static async Task<Results<Created<TwinningView>, ProblemHttpResult>> CreateAsync(HttpContext context, TwinningContext t, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<TwinningInput>(context.Request, ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (!(await CheckAsync(body, t, ct)).TryGet(out var f, out problem))
        {
            return problem;
        }
        var now = t.Now;
        var twinning = new TwinningRecord(TwinningIds.ForTwinning(f.Texts[0].Title), f.Texts, f.Service, f.MentorOrganisationId, f.LearnerOrganisationIds,
            f.PracticeId, f.Regions, f.Status, f.Phases, now, now, context.User.Email(), "");
        if (await t.Store.CreateAsync(twinning, ct) is not { } created)
        {
            return Problems.Conflict("A twinning with this id was created at the same moment; send the request again.");
        }
        t.Logger.LogInformation("Twinning {TwinningId} created by {User}", created.Id, context.User.Email());
        context.Response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/twinnings/{created.Id}", await ViewAsync(new TwinningContents(created, [], [], []), context.User, t, ct));
    }

    /// <summary>If-Match → load → body → validate → save: the coordinator changes the twinning, its members and its phases.</summary>
    public static async Task<Results<Ok<TwinningView>, ProblemHttpResult>> UpdateAsync(string id, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        var edit = await Edit.RunAsync(context.Request, "twinning", () => t.LoadAsync(id, ct), async (TwinningRecord existing, TwinningInput body) =>
            (await CheckAsync(body, t, ct)).TryGet(out var f, out var problem)
                ? existing with
                {
                    Texts = f.Texts, Service = f.Service, MentorOrganisationId = f.MentorOrganisationId, LearnerOrganisationIds = f.LearnerOrganisationIds,
                    PracticeId = f.PracticeId, Regions = f.Regions, Status = f.Status, Phases = f.Phases, UpdatedAt = t.Now, UpdatedBy = context.User.Email(),
                }
                : problem, (changed, etag) => t.Store.SaveAsync(changed, etag, ct), TwinningContext.Stale("twinning"), ct);
        if (!edit.TryGet(out var saved, out var problem))
        {
            return problem;
        }
        context.Response.Headers.ETag = saved.ETag;
        var contents = await t.Store.ReadAsync(id, ct) ?? new TwinningContents(saved, [], [], []);
        return TypedResults.Ok(await ViewAsync(contents with { Twinning = saved }, context.User, t, ct));
    }

    /// <summary>The twinning's public meetings as a subscribable calendar; never a join link.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CalendarAsync(string id, TwinningContext t, CancellationToken ct)
    {
        if (await t.Store.ReadAsync(id, ct) is not { } contents)
        {
            return Problems.NotFound("The twinning");
        }
        var events = new List<CalendarEvent>();
        foreach (var m in contents.Meetings.Where(m => m.IsPublic))
        {
            events.Add(await EventAsync(m, t, ct));
        }
        return Calendar(contents.Twinning.TextIn("en").Title, events, t, $"twinning-{id}.ics");
    }

    /// <summary>Every public meeting of every twinning of the partnership.</summary>
    public static async Task<FileContentHttpResult> AllMeetingsCalendarAsync(TwinningContext t, CancellationToken ct)
    {
        var events = new List<CalendarEvent>();
        foreach (var m in (await t.Store.ListAllMeetingsAsync(ct)).Where(m => m.IsPublic))
        {
            events.Add(await EventAsync(m, t, ct));
        }
        return Calendar("Exchange: twinning meetings", events, t, "twinning-meetings.ics");
    }

    private static FileContentHttpResult Calendar(string name, List<CalendarEvent> events, TwinningContext t, string fileName) =>
        TypedResults.File(MeetingCalendar.Feed(name, events, t.Site.PublicBaseUrl.Host, t.Now), "text/calendar; charset=utf-8", fileName);

    private static async Task<CalendarEvent> EventAsync(Meeting m, TwinningContext t, CancellationToken ct)
    {
        var host = m.HostOrganisationId is { } h ? await t.RefAsync(h, ct) : null;
        var location = m.Format == MeetingFormat.InPerson
            ? string.Join(", ", new[] { host?.Name, m.Address, m.City }.Where(x => !string.IsNullOrWhiteSpace(x)))
            : "Online";
        var description = new StringBuilder(m.Agenda ?? "");
        description.Append(description.Length > 0 ? "\n\n" : "").Append(new Uri(t.Site.PublicBaseUrl, $"/twinnings/{m.TwinningId}"));
        return new CalendarEvent(m.TwinningId, m.Id, m.Title, description.ToString(), m.Format, m.StartsAt, m.EndsAt, m.FirstDate, m.LastDate, location, null,
            m.Sequence, m.IsCancelled);
    }

    private static async Task<Result<TwinningFields>> CheckAsync(TwinningInput input, TwinningContext t, CancellationToken ct)
    {
        var services = await t.Services.ListAsync(ct);
        var organisations = (await t.OrganisationsAsync(ct)).Keys.ToHashSet(StringComparer.Ordinal);
        var practice = await t.PublishedPracticeAsync(input.PracticeId, ct);
        var v = new Validator();
        var fields = TwinningRules.Twinning(v, input, services, organisations, practice is not null);
        return fields is not null && v.IsValid ? fields : v.ToProblem();
    }

    public static async Task<TwinningView> ViewAsync(TwinningContents c, ClaimsPrincipal user, TwinningContext t, CancellationToken ct)
    {
        var tw = c.Twinning;
        var rights = TwinningContext.Rights(user, tw);
        var service = await t.Services.FindAsync(tw.Service, ct) ?? ServiceTerm.Added(tw.Service, tw.Service, tw.Service);
        var learners = new List<OrganisationRef>();
        foreach (var l in tw.LearnerOrganisationIds)
        {
            learners.Add(await t.RefAsync(l, ct));
        }
        var meetings = new List<MeetingView>();
        foreach (var m in c.Meetings.Where(m => m.IsPublic || rights.SeesJoinLinks || (rights.OrganisationId is { } org && m.InvitedOrganisationIds.Contains(org))))
        {
            meetings.Add(await t.MeetingViewAsync(m, rights, rights.CanEdit, ct));
        }
        var updates = new List<UpdateView>();
        foreach (var u in c.Updates.Where(u => u.Published || rights.CanPostUpdates))
        {
            updates.Add(await t.UpdateViewAsync(u, rights.CanPostUpdates, ct));
        }
        var outcomes = new List<OutcomeView>();
        foreach (var o in c.Outcomes.Where(o => tw.IsLearner(o.OrganisationId)))
        {
            outcomes.Add(await t.OutcomeViewAsync(o, rights.CanEdit || rights.OrganisationId == o.OrganisationId, ct));
        }
        return new TwinningView(tw.Id, tw.Texts, service, tw.Status, await t.RefAsync(tw.MentorOrganisationId, ct), learners,
            await t.PublishedPracticeAsync(tw.PracticeId, ct), rights.CanEdit ? tw.PracticeId : null, tw.Regions, tw.Phases, meetings, updates, outcomes, rights, tw.ETag);
    }
}
