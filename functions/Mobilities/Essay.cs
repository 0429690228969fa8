namespace Exchange.Mobilities;

public enum EssayStatus
{
    /// <summary>Waiting to be read by a coordinator.</summary>
    Submitted,
    Read,
    Published,
}

/// <summary>A participant's essay after a visit. Published only with the participant's consent.</summary>
public sealed record Essay(
    string MobilityId,
    string HostOrganisationId,
    string SendingOrganisationId,
    string ParticipantName,
    string Profession,
    DateOnly StartDate,
    DateOnly EndDate,
    string Text,
    bool ConsentToPublish,
    EssayStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? ReadAt,
    string? ReadBy,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    string ETag);

public sealed record EssayInput(string? Token, string? Text, bool? ConsentToPublish);

/// <summary>What the participant sees of their own essay.</summary>
public sealed record ParticipantEssay(EssayStatus Status, string Text, bool ConsentToPublish, DateTimeOffset SubmittedAt);

/// <summary>The essay page's view of the visit, reached with the participant's signed link.</summary>
public sealed record ParticipantVisit(
    string MobilityId, string ParticipantName, string Language, string SendingOrganisationName, string HostOrganisationId, string HostOrganisationName,
    string HostCity, string HostCountry, DateOnly StartDate, DateOnly EndDate, bool Cancelled, ParticipantEssay? Essay, int EssayMinLength, int EssayMaxLength,
    DateOnly EssayOpensOn, bool EssayOpen);

/// <summary>Where the participant sees, downloads and may erase their own data.</summary>
public sealed record ParticipantPrivacyLink(Uri Page);

/// <summary>The unsubscribe page's view: whose reminders, and whether they are stopped.</summary>
public sealed record ParticipantSubscription(
    string MobilityId, string ParticipantName, string Language, string HostOrganisationName, DateOnly StartDate, DateOnly EndDate, bool Unsubscribed,
    DateTimeOffset? UnsubscribedAt);

/// <summary>An essay in the coordinator's list.</summary>
public sealed record EssaySummary(
    string MobilityId, string ParticipantName, string SendingOrganisationId, string SendingOrganisationName, string HostOrganisationId, string HostOrganisationName,
    DateOnly StartDate, DateOnly EndDate, EssayStatus Status, bool ConsentToPublish, DateTimeOffset SubmittedAt, int Length);

/// <summary>An essay as the coordinator reads it.</summary>
public sealed record EssayView(
    string MobilityId, string ParticipantName, string Profession, string SendingOrganisationId, string SendingOrganisationName, string HostOrganisationId,
    string HostOrganisationName, DateOnly StartDate, DateOnly EndDate, string Text, bool ConsentToPublish, EssayStatus Status, DateTimeOffset SubmittedAt,
    DateTimeOffset? ReadAt, string? ReadBy, DateTimeOffset? PublishedAt, string? PublishedBy);

/// <summary>A published essay, as the public reads it next to the host organisation.</summary>
public sealed record PublishedEssay(
    string Id, string ParticipantName, string Profession, string SendingOrganisationId, string SendingOrganisationName, string HostOrganisationId,
    string HostOrganisationName, DateOnly StartDate, DateOnly EndDate, string Text, DateTimeOffset PublishedAt);
