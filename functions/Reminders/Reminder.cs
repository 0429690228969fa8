using Exchange.Mobilities;

namespace Exchange.Reminders;

/// <summary>The five rows of the reminder policy, in the order they go out.</summary>
public enum ReminderKind
{
    Prepare,
    Soon,
    EssayRequest,
    EssayReminder,
    EssayLast,
    /// <summary>A twinning meeting's calendar file, sent when the attendee is registered.</summary>
    MeetingInvitation,
    /// <summary>7 days before an in-person meeting, with the calendar file carrying the place.</summary>
    MeetingWeekBefore,
    /// <summary>The day before any meeting; for an online one, with the join link.</summary>
    MeetingDayBefore,
    /// <summary>The meeting changed after the attendee had its calendar file: the updated one.</summary>
    MeetingUpdate,
    /// <summary>The meeting was cancelled: the calendar file that removes it.</summary>
    MeetingCancellation,
}

public enum ReminderStatus
{
    /// <summary>Waiting in its due slot.</summary>
    Pending,
    /// <summary>Claimed by a timer run until <see cref="ReminderRecord.ClaimedUntil"/>.</summary>
    Sending,
    Sent,
    /// <summary>Gave up after the last attempt; the coordinator can retry it.</summary>
    Failed,
    /// <summary>Its moment passed before it could go out (registered late, or retried past the visit's start).</summary>
    Expired,
    Cancelled,
}

/// <summary>Why a reminder was cancelled or expired; shown in the coordinator's history.</summary>
public static class ReminderReasons
{
    public const string Rescheduled = "rescheduled";
    public const string MobilityCancelled = "mobility-cancelled";
    public const string Unsubscribed = "unsubscribed";
    public const string EssaySubmitted = "essay-submitted";
    public const string TooLate = "too-late";
    public const string Superseded = "superseded";
    public const string MeetingCancelled = "meeting-cancelled";
    public const string AttendanceCancelled = "attendance-cancelled";
}

/// <summary>
/// Everything a reminder mail needs, copied from the mobility when the reminder is scheduled
/// (and refreshed when the mobility changes), so the timer composes it from the one due entity it reads.
/// </summary>
public sealed record ReminderSnapshot(
    string ParticipantName,
    string ParticipantEmail,
    string Language,
    string HomeCountry,
    string TimeZone,
    string SendingOrganisationId,
    string SendingOrganisationName,
    string SendingOrganisationCountry,
    string HostOrganisationId,
    string HostOrganisationName,
    string HostCity,
    string HostCountry,
    string? HostAddress,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    string? Programme,
    DateOnly StartDate,
    DateOnly EndDate,
    int Revision);

public sealed record ReminderEvent(DateTimeOffset At, string Event, string? Detail);

/// <summary>
/// One reminder of one mobility: its policy row, its state and its delivery progress. The record
/// kept by mobility is the authority; the copy in the due slot is an index entry that is valid
/// while its <see cref="ETag"/> still matches the record's. A reminder about another subject (a
/// twinning meeting's attendee) uses the same record: <see cref="MobilityId"/> is then the
/// subject's id, and <see cref="Details"/> carries what only that subject's mails need, as JSON
/// its <see cref="IReminderSubject"/> reads.
/// </summary>
public sealed record ReminderRecord(
    string MobilityId,
    string Id,
    ReminderKind Kind,
    DateTimeOffset DueAt,
    DateTimeOffset Deadline,
    ReminderStatus Status,
    string Slot,
    int Attempts,
    DateTimeOffset? ClaimedUntil,
    string? ClaimedBy,
    string? MessageId,
    DateTimeOffset? SentAt,
    IReadOnlyList<string> CopiesDone,
    DateTimeOffset? FinishedAt,
    string? Reason,
    string? LastError,
    DateTimeOffset ScheduledAt,
    ReminderSnapshot Snapshot,
    IReadOnlyList<ReminderEvent> Events,
    string ETag,
    string? Details = null)
{
    public const int EventLimit = 30;

    public bool HasCopies => Kind == ReminderKind.EssayLast;

    public bool IsFinished => Status is ReminderStatus.Sent or ReminderStatus.Failed or ReminderStatus.Expired or ReminderStatus.Cancelled;

    public ReminderRecord With(DateTimeOffset at, string @event, string? detail = null) =>
        this with { Events = [.. Events.TakeLast(EventLimit - 1), new ReminderEvent(at, @event, detail)] };
}

/// <summary>
/// Reminders about something other than a mobility. The subject's area plans them with
/// <see cref="ReminderPlanner.Reconcile(string, IReadOnlyList{PlannedReminder}, ReminderSnapshot, string?, IReadOnlyList{ReminderRecord}, DateTimeOffset, Func{ReminderKind, string}, Func{ReminderKind, int})"/>
/// and writes them through <see cref="ReminderStore"/>; the timer claims and sends them as any
/// other, asking the subject for the mail. The interface lives here so that this area needs
/// nothing from the areas that use it.
/// </summary>
public interface IReminderSubject
{
    /// <summary>True for the kinds this subject plans and composes.</summary>
    bool Composes(ReminderKind kind);

    /// <summary>True for the subject ids (<see cref="ReminderRecord.MobilityId"/>) of this subject's reminders.</summary>
    bool Owns(string subjectId);

    /// <summary>Whether the subject still wants its reminders (not cancelled, not unsubscribed), for the coordinator's retry.</summary>
    Task<bool> StillWantedAsync(string subjectId, CancellationToken ct);

    Task<Email.EmailMessage> ComposeAsync(ReminderRecord record, DateTimeOffset now, CancellationToken ct);

    /// <summary>Finishes reminder changes that a process died in the middle of; called at the start of every run.</summary>
    Task RecoverAsync(CancellationToken ct);
}

/// <summary>A due-slot entry as the timer read it: the record copy and the entry's own ETag.</summary>
public sealed record DueReminder(ReminderRecord Record, string EntryETag);

/// <summary>A reminder as the coordinator sees it in a participant's history.</summary>
public sealed record ReminderView(
    string Id, string MobilityId, ReminderKind Kind, ReminderStatus Status, DateTimeOffset DueAt, DateTimeOffset Deadline, DateTimeOffset NextAttemptAt,
    int Attempts, DateTimeOffset? SentAt, string? MessageId, IReadOnlyList<string> CopiedTo, DateTimeOffset? FinishedAt, string? Reason, string? LastError,
    DateTimeOffset ScheduledAt, IReadOnlyList<ReminderEvent> Events)
{
    public static ReminderView From(ReminderRecord r) =>
        new(r.Id, r.MobilityId, r.Kind, r.Status, r.DueAt, r.Deadline, ReminderSlots.Start(r.Slot), r.Attempts, r.SentAt, r.MessageId, r.CopiesDone,
            r.FinishedAt, r.Reason, r.LastError, r.ScheduledAt, r.Events);
}

/// <summary>An entry of the coordinator's preview of what goes out next.</summary>
public sealed record UpcomingReminder(
    string MobilityId, string ReminderId, ReminderKind Kind, ReminderStatus Status, DateTimeOffset DueAt, DateTimeOffset NextAttemptAt, int Attempts,
    string ParticipantName, string ParticipantEmail, string Language, string TimeZone, string SendingOrganisationName, string HostOrganisationName,
    DateOnly StartDate, DateOnly EndDate);

/// <summary>A reminder that gave up, waiting for the coordinator.</summary>
public sealed record ReminderFailure(
    string MobilityId, string ReminderId, ReminderKind Kind, DateTimeOffset DueAt, DateTimeOffset FailedAt, int Attempts, string? LastError,
    string ParticipantName, string ParticipantEmail, string HostOrganisationName);

/// <summary>A note that a mobility's reminders may be behind it (see <see cref="ReminderStore.MarkSyncAsync"/>).</summary>
public sealed record ReminderSyncNote(string MobilityId, string Key, DateTimeOffset MarkedAt, string ETag) : MobilityChangeNote(MobilityId);
