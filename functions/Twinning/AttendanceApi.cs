using Exchange.Common;
using Exchange.Mobilities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Twinning;

/// <summary>
/// What an attendee reaches with the signed link in their mails, without an account: their
/// registration, which they can cancel (freeing the seat), and the reminders, which they can stop
/// and restart. The one-click unsubscribe (RFC 8058) is a POST to the URL in List-Unsubscribe.
/// </summary>
public static class AttendanceApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/attendance").WithTags("Twinning").ParticipantLink();
        group.MapGet("/", GetAsync).WithSummary("An attendee's registration for a meeting, by the link in their mail.");
        group.MapPost("/cancel", CancelAsync).WithSummary("Cancel one's attendance.");
        group.MapPost("/unsubscribe", UnsubscribeAsync).WithSummary("Stop the meeting reminders (also the one-click unsubscribe of RFC 8058).");
        group.MapPost("/resubscribe", ResubscribeAsync).WithSummary("Receive the meeting reminders again.");
    }

    public static async Task<Results<Ok<AttendanceView>, ProblemHttpResult>> GetAsync(string? token, ParticipantTokens tokens, TwinningContext t, CancellationToken ct)
    {
        var found = await AuthoriseAsync(token, TokenPurpose.Attendance, tokens, t, ct);
        return found.Failed ? found.Problem : TypedResults.Ok(await ViewAsync(found.Value, t, ct));
    }

    public static async Task<Results<Ok<AttendanceView>, ProblemHttpResult>> CancelAsync(string? token, ParticipantTokens tokens, TwinningContext t, CancellationToken ct)
    {
        var found = await AuthoriseAsync(token, TokenPurpose.Attendance, tokens, t, ct);
        if (found.Failed)
        {
            return found.Problem;
        }
        var (twinning, meeting, registration) = found.Value;
        if (registration.IsActive)
        {
            var note = await t.Reminders.BeginAsync(twinning.Id, meeting.Id, ct);
            var (_, saved) = await t.Registrations.CancelAsync(registration, null, t.Now, ct);
            await t.Reminders.SyncAttendeesAsync(twinning, meeting, saved is null ? [] : [saved], note, ct);
            t.Logger.LogInformation("Attendee {Subject} cancelled their attendance", registration.SubjectId);
            registration = saved ?? registration;
        }
        return TypedResults.Ok(await ViewAsync((twinning, meeting, registration), t, ct));
    }

    /// <summary>RFC 8058: the body (<c>List-Unsubscribe=One-Click</c>) carries nothing we need; GET never unsubscribes, as link scanners follow GETs.</summary>
    public static Task<Results<Ok<AttendanceView>, ProblemHttpResult>> UnsubscribeAsync(string? token, ParticipantTokens tokens, TwinningContext t, CancellationToken ct) =>
        SetAsync(token, true, tokens, t, ct);

    public static Task<Results<Ok<AttendanceView>, ProblemHttpResult>> ResubscribeAsync(string? token, ParticipantTokens tokens, TwinningContext t, CancellationToken ct) =>
        SetAsync(token, false, tokens, t, ct);

    private static async Task<Results<Ok<AttendanceView>, ProblemHttpResult>> SetAsync(string? token, bool unsubscribed, ParticipantTokens tokens, TwinningContext t, CancellationToken ct)
    {
        // The page's own button sends the attendance token; the mail's one-click header sends the unsubscribe one.
        var found = await AuthoriseAsync(token, TokenPurpose.Unsubscribe, tokens, t, ct);
        if (found.Failed && found.Problem.StatusCode == StatusCodes.Status403Forbidden)
        {
            found = await AuthoriseAsync(token, TokenPurpose.Attendance, tokens, t, ct);
        }
        if (found.Failed)
        {
            return found.Problem;
        }
        var (twinning, meeting, registration) = found.Value;
        if (registration.Unsubscribed != unsubscribed)
        {
            var note = await t.Reminders.BeginAsync(twinning.Id, meeting.Id, ct);
            registration = await t.Registrations.SetUnsubscribedAsync(registration, unsubscribed, ct) ?? registration;
            await t.Reminders.SyncAttendeesAsync(twinning, meeting, [registration], note, ct);
        }
        return TypedResults.Ok(await ViewAsync((twinning, meeting, registration), t, ct));
    }

    private static async Task<Result<(TwinningRecord, Meeting, Registration)>> AuthoriseAsync(
        string? token, TokenPurpose purpose, ParticipantTokens tokens, TwinningContext t, CancellationToken ct)
    {
        var result = await tokens.CheckAsync(token, purpose, ct);
        if (result.Check == TokenCheck.Expired)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "This link has expired.",
                detail: "Links in our e-mails work for a limited time. Ask your organisation or the project coordinator to change your registration.",
                extensions: new Dictionary<string, object?> { ["reason"] = "expired" });
        }
        if (result.Check == TokenCheck.Invalid || AttendeeIds.Parse(result.MobilityId) is not var (twinningId, meetingId, registrationId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This link is not valid.",
                detail: "The link may be incomplete: open it again from the e-mail, or copy the whole address.",
                extensions: new Dictionary<string, object?> { ["reason"] = "invalid" });
        }
        var twinning = await t.Store.GetAsync(twinningId, ct);
        var meeting = twinning is null ? null : await t.Store.GetMeetingAsync(twinningId, meetingId, ct);
        var registration = meeting is null ? null : await t.Registrations.GetAsync(twinningId, meetingId, registrationId, ct);
        return twinning is null || meeting is null || registration is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This registration no longer exists.",
                detail: "Write to the project coordinator if you think this is a mistake.", extensions: new Dictionary<string, object?> { ["reason"] = "unknown" })
            : (twinning, meeting, registration);
    }

    private static Task<AttendanceView> ViewAsync((TwinningRecord Twinning, Meeting Meeting, Registration Registration) a, TwinningContext t, CancellationToken ct)
    {
        var (twinning, m, r) = a;
        var language = SupportedLanguages.Resolve(r.Language);
        return Task.FromResult(new AttendanceView(twinning.Id, twinning.TextIn(language).Title, m.Title, m.Format, m.FirstDate, m.LastDate,
            m.LocalStart?.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture), m.DurationMinutes, m.TimeZone, m.City, r.Name, r.Language, r.Status,
            r.Unsubscribed, m.IsCancelled, t.Now >= m.EndsAt));
    }
}
