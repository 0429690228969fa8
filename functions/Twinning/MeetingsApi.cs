using System.Security.Claims;
using System.Text;
using Exchange.Common;
using Exchange.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Twinning;

/// <summary>Meetings (the coordinator's) and their registrations (member organisations' editors register their own people).</summary>
public static class MeetingsApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id}/meetings", CreateAsync).RequireAuthorization(Policies.Coordinator).Accepts<MeetingInput>("application/json").ETag()
            .WithSummary("Plan a meeting of a twinning, in person or online.");
        group.MapPut("/{id}/meetings/{meetingId}", UpdateAsync).RequireAuthorization(Policies.Coordinator).Accepts<MeetingInput>("application/json").IfMatch("meeting").ETag()
            .WithSummary("Change a meeting (its registered attendees are told).");
        group.MapPost("/{id}/meetings/{meetingId}/cancel", CancelAsync).RequireAuthorization(Policies.Coordinator).IfMatch("meeting").ETag()
            .WithSummary("Cancel a meeting (its registered attendees are told).");
        group.MapGet("/{id}/meetings/{meetingId}/registrations", RegistrationsAsync).RequireAuthorization(Policies.Editor)
            .WithSummary("Who is registered for a meeting (a partner: its own people).");
        group.MapGet("/{id}/meetings/{meetingId}/registrations.csv", RegistrationsCsvAsync).RequireAuthorization(Policies.Coordinator)
            .Produces<string>(contentType: "text/csv").WithSummary("A meeting's attendance list, as CSV.");
        group.MapPost("/{id}/meetings/{meetingId}/registrations", RegisterAsync).RequireAuthorization(Policies.Editor).Accepts<RegistrationInput>("application/json")
            .WithSummary("Register an organisation's people for a meeting (all of them, or none).");
        group.MapDelete("/{id}/meetings/{meetingId}/registrations/{registrationId}", CancelRegistrationAsync).RequireAuthorization(Policies.Editor)
            .IfMatch("registration").WithSummary("Cancel one person's registration.");
    }

    public static async Task<Results<Created<MeetingView>, ProblemHttpResult>> CreateAsync(string id, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        var twinning = await t.LoadAsync(id, ct);
        if (twinning.Failed)
        {
            return twinning.Problem;
        }
        if (!(await JsonBody.ReadAsync<MeetingInput>(context.Request, ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var fields = await CheckAsync(body, t, ct);
        if (fields.Failed)
        {
            return fields.Problem;
        }
        var now = t.Now;
        var meeting = Apply(new Meeting(id, TwinningIds.Random(10), default, "", null, null, true, null, MeetingStatus.Scheduled, "UTC", null, null, null, null, null,
            null, null, null, [], default, default, 0, now, now, now, "", ""), fields.Value!, context.User.Email(), now);
        if (await t.Store.CreateMeetingAsync(meeting, ct) is not { } created)
        {
            return Problems.Conflict("A meeting with this id was created at the same moment; send the request again.");
        }
        context.Response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/twinnings/{id}/meetings/{created.Id}", await t.MeetingViewAsync(created, TwinningContext.Rights(context.User, twinning.Value!), true, ct));
    }

    /// <summary>
    /// If-Match → load → body → validate → save. A change an attendee's calendar must follow (time,
    /// place, title, link, agenda) raises the meeting's SEQUENCE, and attendees who already have the
    /// calendar file get the updated one.
    /// </summary>
    public static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> UpdateAsync(string id, string meetingId, HttpContext context, TwinningContext t, CancellationToken ct) =>
        await EditAsync(id, meetingId, context, t, async existing =>
        {
            if (!(await JsonBody.ReadAsync<MeetingInput>(context.Request, ct)).TryGet(out var body, out var problem))
            {
                return problem;
            }
            if (existing.IsCancelled)
            {
                return Problems.Conflict("This meeting is cancelled; create a new one instead.");
            }
            if (!(await CheckAsync(body, t, ct)).TryGet(out var fields, out problem))
            {
                return problem;
            }
            return Apply(existing, fields, context.User.Email(), t.Now);
        }, ct);

    /// <summary>Cancels the meeting: its pending reminders stop, and attendees who had its calendar file get the one that removes it.</summary>
    public static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> CancelAsync(string id, string meetingId, HttpContext context, TwinningContext t, CancellationToken ct) =>
        await EditAsync(id, meetingId, context, t, existing =>
        {
            var now = t.Now;
            Result<Meeting> cancelled = existing.IsCancelled
                ? Problems.Conflict("This meeting is already cancelled.")
                : existing with { Status = MeetingStatus.Cancelled, Sequence = existing.Sequence + 1, ChangedAt = now, UpdatedAt = now, UpdatedBy = context.User.Email() };
            return Task.FromResult(cancelled);
        }, ct);

    /// <summary>
    /// The path of the meeting's edits, If-Match → load → <paramref name="change"/> → save; the
    /// twinning comes with the meeting, since the save brings its attendees' reminders along.
    /// </summary>
    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> EditAsync(
        string id, string meetingId, HttpContext context, TwinningContext t, Func<Meeting, Task<Result<Meeting>>> change, CancellationToken ct)
    {
        if (!EditPrecondition.Require(context.Request, "meeting").TryGet(out var etag, out var problem))
        {
            return problem;
        }
        if (!(await t.LoadMeetingAsync(id, meetingId, ct)).TryGet(out var loaded, out problem))
        {
            return problem;
        }
        var (twinning, existing) = loaded;
        if (!(await change(existing)).TryGet(out var changed, out problem))
        {
            return problem;
        }
        return await SaveAsync(twinning, changed, etag, context, t, ct);
    }

    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> SaveAsync(
        TwinningRecord twinning, Meeting changed, string etag, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        var note = await t.Reminders.BeginAsync(twinning.Id, changed.Id, ct);
        if (await t.Store.SaveMeetingAsync(changed, etag, ct) is not { } saved)
        {
            return TwinningContext.Stale("meeting");
        }
        await t.Reminders.SyncMeetingAsync(twinning, saved, note, ct);
        t.Logger.LogInformation("Meeting {MeetingId} of twinning {TwinningId} saved (sequence {Sequence}, {Status})", saved.Id, twinning.Id, saved.Sequence, saved.Status);
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok(await t.MeetingViewAsync(saved, TwinningContext.Rights(context.User, twinning), true, ct));
    }

    /// <summary>The coordinator sees everyone registered; a member organisation's editor sees their own organisation's people.</summary>
    public static async Task<Results<Ok<List<RegistrationView>>, ProblemHttpResult>> RegistrationsAsync(
        string id, string meetingId, ClaimsPrincipal user, TwinningContext t, CancellationToken ct)
    {
        if (!(await t.LoadMeetingAsync(id, meetingId, ct)).TryGet(out var loaded, out var missing))
        {
            return missing;
        }
        var (twinning, meeting) = loaded;
        if (!user.IsCoordinator() && !MayRegister(twinning, meeting, user.OrganisationId()))
        {
            return Problems.Forbidden("Your organisation takes no part in this meeting.");
        }
        var result = new List<RegistrationView>();
        foreach (var r in await t.Registrations.ListAsync(id, meetingId, ct))
        {
            if (user.MayEditOrganisation(r.OrganisationId))
            {
                result.Add(await t.RegistrationViewAsync(r, ct));
            }
        }
        return TypedResults.Ok(result);
    }

    /// <summary>The attendance sheet: everyone registered and still coming, by organisation.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RegistrationsCsvAsync(string id, string meetingId, TwinningContext t, CancellationToken ct)
    {
        if (!(await t.LoadMeetingAsync(id, meetingId, ct)).TryGet(out var loaded, out var missing))
        {
            return missing;
        }
        var organisations = await t.OrganisationsAsync(ct);
        var csv = new StringBuilder("organisation,name,role,email,language,registered_at,signature\r\n");
        var rows = (await t.Registrations.ListAsync(id, meetingId, ct)).Where(r => r.IsActive)
            .OrderBy(r => organisations.GetValueOrDefault(r.OrganisationId)?.Name ?? r.OrganisationId, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows)
        {
            string[] cells = [organisations.GetValueOrDefault(r.OrganisationId)?.Name ?? r.OrganisationId, r.Name, r.Role, r.Email, r.Language,
                r.RegisteredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), ""];
            csv.Append(string.Join(',', cells.Select(Csv))).Append("\r\n");
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"attendance-{meetingId}.csv");
    }

    /// <summary>
    /// Registers named people for a meeting, all or none. A partner registers their own
    /// organisation's people, if it is a member of the twinning or invited to the meeting; the
    /// coordinator names the organisation. A full meeting answers 409 and nothing is written.
    /// </summary>
    public static async Task<Results<Created<List<RegistrationView>>, ProblemHttpResult>> RegisterAsync(
        string id, string meetingId, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        if (!(await t.LoadMeetingAsync(id, meetingId, ct)).TryGet(out var loaded, out var missing))
        {
            return missing;
        }
        var (twinning, meeting) = loaded;
        if (!(await JsonBody.ReadAsync<RegistrationInput>(context.Request, ct)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var user = context.User;
        var v = new Validator();
        var organisationId = user.IsCoordinator() ? v.RequiredText("organisationId", input.OrganisationId, 100) : input.OrganisationId?.Trim() ?? user.OrganisationId();
        if (!user.IsCoordinator() && organisationId != user.OrganisationId())
        {
            return Problems.Forbidden("Partners register their own organisation's people only.");
        }
        if (organisationId is not null && !MayRegister(twinning, meeting, organisationId))
        {
            if (!user.IsCoordinator())
            {
                return Problems.Forbidden("Your organisation is neither a member of this twinning nor invited to this meeting.");
            }
            v.Add("organisationId", "This organisation is neither a member of the twinning nor invited to the meeting.");
        }
        var now = t.Now;
        var attendees = TwinningRules.Attendees(v, input.Attendees, t.Options.MaxAttendeesPerRequest, (_, name, role, email, language) =>
            new Registration(id, meetingId, TwinningIds.Random(12), organisationId ?? "", name, role, email, language, AttendanceStatus.Registered, false, now,
                user.Email(), null, ""));
        if (v.IsValid)
        {
            var already = (await t.Registrations.ListAsync(id, meetingId, ct)).Where(r => r.IsActive).Select(r => r.Email).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < attendees.Count; i++)
            {
                if (already.Contains(attendees[i].Email))
                {
                    v.Add($"attendees[{i}].email", "This person is already registered for the meeting.");
                }
            }
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        if (meeting.IsCancelled)
        {
            return Problems.Conflict("This meeting is cancelled.");
        }
        if (now >= meeting.EndsAt)
        {
            return Problems.Conflict("This meeting has already taken place.");
        }
        var note = await t.Reminders.BeginAsync(id, meetingId, ct);
        var (outcome, saved, left) = await t.Registrations.RegisterAsync(id, meetingId, meeting.Capacity, attendees, ct);
        if (outcome == RegistrationOutcome.Full)
        {
            await t.Store.ClearSyncAsync(id, meetingId, note, ct);
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The meeting is full.",
                detail: left == 0 ? "There are no seats left." : $"Only {left} seat{(left == 1 ? " is" : "s are")} left.",
                extensions: new Dictionary<string, object?> { ["seatsLeft"] = left });
        }
        await t.Reminders.SyncAttendeesAsync(twinning, meeting, saved, note, ct);
        t.Logger.LogInformation("{Count} registered for meeting {MeetingId} of twinning {TwinningId} by {User}", saved.Count, meetingId, id, user.Email());
        var views = new List<RegistrationView>();
        foreach (var r in saved)
        {
            views.Add(await t.RegistrationViewAsync(r, ct));
        }
        return TypedResults.Created($"/api/twinnings/{id}/meetings/{meetingId}/registrations", views);
    }

    /// <summary>An editor withdraws one of their organisation's people (the coordinator anyone's); the seat is freed.</summary>
    public static async Task<Results<Ok<RegistrationView>, ProblemHttpResult>> CancelRegistrationAsync(
        string id, string meetingId, string registrationId, HttpContext context, TwinningContext t, CancellationToken ct)
    {
        var etag = EditPrecondition.Require(context.Request, "registration");
        if (etag.Failed)
        {
            return etag.Problem;
        }
        if (!(await t.LoadMeetingAsync(id, meetingId, ct)).TryGet(out var loaded, out var missing))
        {
            return missing;
        }
        var (twinning, meeting) = loaded;
        if (await t.Registrations.GetAsync(id, meetingId, registrationId, ct) is not { } registration)
        {
            return Problems.NotFound("The registration");
        }
        if (!context.User.MayEditOrganisation(registration.OrganisationId))
        {
            return Problems.Forbidden("This person was registered by another organisation.");
        }
        var note = await t.Reminders.BeginAsync(id, meetingId, ct);
        var (outcome, saved) = await t.Registrations.CancelAsync(registration, etag.Value!, t.Now, ct);
        if (outcome != RegistrationOutcome.Saved)
        {
            await t.Store.ClearSyncAsync(id, meetingId, note, ct);
            return outcome == RegistrationOutcome.NotFound ? Problems.NotFound("The registration") : TwinningContext.Stale("registration");
        }
        await t.Reminders.SyncAttendeesAsync(twinning, meeting, [saved!], note, ct);
        return TypedResults.Ok(await t.RegistrationViewAsync(saved!, ct));
    }

    public static bool MayRegister(TwinningRecord twinning, Meeting meeting, string? organisationId) =>
        organisationId is not null && (twinning.IsMember(organisationId) || meeting.InvitedOrganisationIds.Contains(organisationId, StringComparer.Ordinal));

    private static async Task<Result<MeetingFields>> CheckAsync(MeetingInput input, TwinningContext t, CancellationToken ct)
    {
        var countries = (await t.OrganisationsAsync(ct)).ToDictionary(o => o.Key, o => o.Value.Country, StringComparer.Ordinal);
        var v = new Validator();
        var fields = TwinningRules.Meeting(v, input, countries, t.Options);
        return v.IsValid ? fields! : v.ToProblem();
    }

    private static Meeting Apply(Meeting m, MeetingFields f, string by, DateTimeOffset now)
    {
        var changed = m with
        {
            Format = f.Format, Title = f.Title, Agenda = f.Agenda, Materials = f.Materials, IsPublic = f.IsPublic, Capacity = f.Capacity, TimeZone = f.TimeZone,
            LocalStart = f.LocalStart, DurationMinutes = f.DurationMinutes, JoinUrl = f.JoinUrl, HostOrganisationId = f.HostOrganisationId, Address = f.Address,
            City = f.City, FirstDay = f.FirstDay, LastDay = f.LastDay, InvitedOrganisationIds = f.InvitedOrganisationIds, StartsAt = f.StartsAt, EndsAt = f.EndsAt,
            UpdatedAt = now, UpdatedBy = by,
        };
        var calendarChanged = m.ETag.Length > 0 && (m.Format != changed.Format || m.Title != changed.Title || m.Agenda != changed.Agenda || m.TimeZone != changed.TimeZone
            || m.LocalStart != changed.LocalStart || m.DurationMinutes != changed.DurationMinutes || m.JoinUrl != changed.JoinUrl
            || m.HostOrganisationId != changed.HostOrganisationId || m.Address != changed.Address || m.City != changed.City
            || m.FirstDay != changed.FirstDay || m.LastDay != changed.LastDay);
        return calendarChanged ? changed with { Sequence = m.Sequence + 1, ChangedAt = now } : changed;
    }

    /// <summary>RFC 4180 quoting, and a leading apostrophe so spreadsheets never run a cell as a formula.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
