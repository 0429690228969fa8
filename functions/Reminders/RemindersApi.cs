using Exchange.Audit;
using System.Security.Claims;
using Exchange.Accounts;
using Exchange.Common;
using Exchange.Hosting;
using Exchange.Mobilities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Exchange.Reminders;

/// <summary>The coordinator's view of reminders: what goes out next, each participant's history, and failures to retry.</summary>
public static class RemindersApi
{
    public const int MaxPreviewDays = 90;

    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RemindersOptions>().Bind(configuration.GetSection(RemindersOptions.Section));
        services.AddSingleton<ReminderStore>();
        services.AddSingleton<ReminderScheduler>();
        services.AddSingleton<ReminderSender>();
        services.AddTimerFunction<SendReminders>(SendReminders.Name, SendReminders.Schedule);
        return services;
    }

    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reminders").RequireAuthorization(Policies.Coordinator).WithTags("Reminders");
        group.MapGet("/upcoming", UpcomingAsync);
        group.MapGet("/failures", FailuresAsync);
        var mobility = app.MapGroup("/api/mobilities/{id}/reminders").RequireAuthorization(Policies.Coordinator).WithTags("Reminders");
        mobility.MapGet("/", HistoryAsync);
        mobility.MapPost("/{reminderId}/retry", RetryAsync);
        mobility.MapPost("/{reminderId}/dismiss", DismissAsync);
        return app;
    }

    /// <summary>Reminders due from now to <c>days</c> ahead (default 30), with any overdue ones the next run will send: a range query over the due slots.</summary>
    public static async Task<Results<Ok<List<UpcomingReminder>>, ProblemHttpResult>> UpcomingAsync(
        int? days, ReminderStore store, IOptions<RemindersOptions> options, TimeProvider time, CancellationToken ct)
    {
        var ahead = days ?? options.Value.PreviewDays;
        if (ahead is < 1 or > MaxPreviewDays)
        {
            return Problems.Validation(("days", $"Look between 1 and {MaxPreviewDays} days ahead."));
        }
        var records = await store.ReadUpcomingAsync(ReminderSlots.Of(time.GetUtcNow().AddDays(ahead)), 5000, ct);
        return TypedResults.Ok(records
            .Where(r => r.Status == ReminderStatus.Pending)
            .OrderBy(r => r.Slot, StringComparer.Ordinal).ThenBy(r => r.DueAt).ThenBy(r => r.Snapshot.ParticipantName, StringComparer.OrdinalIgnoreCase)
            .Select(r => new UpcomingReminder(r.MobilityId, r.Id, r.Kind, r.Status, r.DueAt, ReminderSlots.Start(r.Slot), r.Attempts, r.Snapshot.ParticipantName,
                r.Snapshot.ParticipantEmail, ReminderMails.LanguageOf(r.Snapshot.Language), r.Snapshot.TimeZone, r.Snapshot.SendingOrganisationName,
                r.Snapshot.HostOrganisationName, r.Snapshot.StartDate, r.Snapshot.EndDate))
            .ToList());
    }

    public static async Task<Ok<IReadOnlyList<ReminderFailure>>> FailuresAsync(ReminderStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListFailuresAsync(ct));

    /// <summary>Every reminder of one participant: pending, sent, failed, expired and cancelled, with times and events.</summary>
    public static async Task<Results<Ok<List<ReminderView>>, ProblemHttpResult>> HistoryAsync(string id, MobilityStore mobilities, ReminderStore store, CancellationToken ct)
    {
        if (await mobilities.GetAsync(id, ct) is null)
        {
            return Problems.NotFound("The mobility");
        }
        return TypedResults.Ok((await store.ListForMobilityAsync(id, ct)).Select(ReminderView.From).ToList());
    }

    /// <summary>Sends a failed reminder again at the next run, with a fresh set of attempts.</summary>
    public static async Task<Results<Ok<ReminderView>, ProblemHttpResult>> RetryAsync(
        string id, string reminderId, ClaimsPrincipal user, MobilityStore mobilities, ReminderStore store, IAuditTrail audit, TimeProvider time, CancellationToken ct,
        [FromServices] IEnumerable<IReminderSubject>? subjects = null)
    {
        var subject = subjects?.FirstOrDefault(s => s.Owns(id));
        var mobility = subject is null ? await mobilities.GetAsync(id, ct) : null;
        var record = mobility is null && subject is null ? null : await store.GetAsync(id, reminderId, ct);
        if (record is null)
        {
            return Problems.NotFound("The reminder");
        }
        var now = time.GetUtcNow();
        if (record.Status != ReminderStatus.Failed)
        {
            return Problems.Conflict($"Only a failed reminder can be retried; this one is {ReminderPolicy.Name(record.Status)}.");
        }
        if (mobility is { Status: MobilityStatus.Cancelled } or { Unsubscribed: true })
        {
            return Problems.Conflict("The mobility is cancelled or the participant unsubscribed, so this reminder is no longer sent.");
        }
        if (subject is not null && !await subject.StillWantedAsync(id, ct))
        {
            return Problems.Conflict("The meeting or the attendance is cancelled, or the attendee unsubscribed, so this reminder is no longer sent.");
        }
        if (ReminderDelivery.IsTooLate(record, now))
        {
            return Problems.Conflict("Too late: this reminder's moment has passed (for a reminder before the visit, the visit has started).");
        }
        var retried = await store.ReplaceAsync(ReminderDelivery.Retry(record, user.Email(), now), ct);
        if (retried is null)
        {
            return Problems.Conflict("The reminder changed meanwhile. Reload to see its state.");
        }
        await store.IndexAsync(retried, ct);
        await store.RemoveFailureAsync(id, reminderId, ct);
        await audit.RecordAsync(user.Email(), AuditActions.ReminderRetried, id, ct);
        return TypedResults.Ok(ReminderView.From(retried));
    }

    /// <summary>Takes a failed reminder off the failures list without sending it; its history keeps the failure.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DismissAsync(string id, string reminderId, ReminderStore store, CancellationToken ct)
    {
        if (await store.GetAsync(id, reminderId, ct) is not { Status: ReminderStatus.Failed })
        {
            return Problems.NotFound("The failed reminder");
        }
        await store.RemoveFailureAsync(id, reminderId, ct);
        return TypedResults.NoContent();
    }
}
