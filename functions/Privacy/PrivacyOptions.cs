using Exchange.Common;

namespace Exchange.Privacy;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Key (at least 32 characters) for the signed links to a person's data and to confirm an
    /// erasure. When empty, one is generated once and kept in the Meta table.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a participant's link to their data works.</summary>
    public TimeSpan AccessLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the link in the mail that confirms an erasure works.</summary>
    public TimeSpan ErasureLinkLifetime { get; set; } = TimeSpan.FromDays(1);

    public RetentionOptions Retention { get; set; } = new();
}

/// <summary>How long personal data is kept (section <c>Privacy:Retention</c>); the timer and the privacy page both read these.</summary>
public sealed class RetentionOptions
{
    public TimeSpan OutboxCopies { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan ReminderLogAfterVisit { get; set; } = TimeSpan.FromDays(365);

    public TimeSpan UnredeemedInvitations { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Participants are anonymised this long after their visit, and not before the project itself ended this long ago.</summary>
    public TimeSpan ParticipantsAfterProject { get; set; } = TimeSpan.FromDays(2 * 365);

    public RetentionPeriods Periods(TimeSpan auditLog) =>
        new(OutboxCopies, ReminderLogAfterVisit, UnredeemedInvitations, ParticipantsAfterProject, auditLog);
}
