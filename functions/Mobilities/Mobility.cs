namespace Exchange.Mobilities;

public enum MobilityStatus
{
    Planned,
    Confirmed,
    Cancelled,
    Completed,
}

/// <summary>What the host tells the visitor before the visit.</summary>
public sealed record HostDetails(string? Address, string? ContactName, string? ContactEmail, string? ContactPhone, string? Programme);

/// <summary>
/// A professional's visit from one partner (sending) to another (host). The participant has no
/// account: reminders reach them by e-mail and signed links let them write the essay or unsubscribe.
/// </summary>
public sealed record Mobility(
    string Id,
    string SendingOrganisationId,
    string HostOrganisationId,
    string ParticipantName,
    string ParticipantEmail,
    string Language,
    string Profession,
    string HomeCountry,
    DateOnly StartDate,
    DateOnly EndDate,
    MobilityStatus Status,
    HostDetails Host,
    bool Unsubscribed,
    DateTimeOffset? UnsubscribedAt,
    DateTimeOffset? EssaySubmittedAt,
    int Revision,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string ETag)
{
    public int Days => EndDate.DayNumber - StartDate.DayNumber + 1;
}

/// <summary>A validated registration, ready to become or update a mobility.</summary>
public sealed record MobilityFields(
    string SendingOrganisationId,
    string HostOrganisationId,
    string ParticipantName,
    string ParticipantEmail,
    string Language,
    string Profession,
    string HomeCountry,
    DateOnly StartDate,
    DateOnly EndDate,
    MobilityStatus Status,
    HostDetails Host);
