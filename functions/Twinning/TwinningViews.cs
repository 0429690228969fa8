using Exchange.Practices;

namespace Exchange.Twinning;

/// <summary>An organisation as a twinning page names it; its partner page is <c>/partners/{Id}</c>.</summary>
public sealed record OrganisationRef(string Id, string Name, string City, string Country);

public sealed record PracticeRef(string Id, string Name, string Language);

/// <summary>What the signed-in viewer may do on a twinning; all false for a visitor.</summary>
public sealed record ViewerRights(string? Role, string? OrganisationId, bool CanEdit, bool CanPostUpdates, bool CanRecordOutcome, bool SeesJoinLinks);

public sealed record TwinningSummary(
    string Id, IReadOnlyList<TwinningText> Texts, string Service, TwinningStatus Status, OrganisationRef Mentor, IReadOnlyList<OrganisationRef> Learners,
    IReadOnlyList<string> Regions, DateOnly? NextMeeting, bool IsMember);

public sealed record MeetingView(
    string Id, MeetingFormat Format, string Title, string? Agenda, string? Materials, bool IsPublic, int? Capacity, int? SeatsLeft, MeetingStatus Status,
    string TimeZone, string? StartsAtLocal, int? DurationMinutes, string? JoinUrl, OrganisationRef? Host, string? Address, string? City,
    DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<OrganisationRef> Invited, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Sequence, bool IsPast,
    bool CanRegister, string? Etag);

public sealed record UpdateTextView(string Language, bool IsOriginal, int? TranslatesRevision, bool OutOfDate, string Title, string Body);

public sealed record UpdateView(
    string Id, DateOnly Date, OrganisationRef? Author, bool Published, int Revision, IReadOnlyList<UpdateTextView> Texts, DateTimeOffset UpdatedAt, string? Etag);

public sealed record OutcomeView(
    OrganisationRef Organisation, Adoption Adoption, string Language, string Practice, string Started, string FirstResults, IReadOnlyList<Indicator> Indicators,
    DateTimeOffset UpdatedAt, string? Etag);

/// <summary>A twinning's page: the twinning, its meetings, posts and outcomes as the viewer may see them.</summary>
public sealed record TwinningView(
    string Id, IReadOnlyList<TwinningText> Texts, ServiceTerm Service, TwinningStatus Status, OrganisationRef Mentor, IReadOnlyList<OrganisationRef> Learners,
    PracticeRef? Practice, string? PracticeId, IReadOnlyList<string> Regions, IReadOnlyList<Phase> Phases, IReadOnlyList<MeetingView> Meetings,
    IReadOnlyList<UpdateView> Updates, IReadOnlyList<OutcomeView> Outcomes, ViewerRights Viewer, string Etag);

public sealed record RegistrationView(
    string Id, string MeetingId, OrganisationRef Organisation, string Name, string Role, string Email, string Language, AttendanceStatus Status, bool Unsubscribed,
    DateTimeOffset RegisteredAt, string RegisteredBy, DateTimeOffset? CancelledAt, string Etag);

/// <summary>What an attendee sees through the link in their mail.</summary>
public sealed record AttendanceView(
    string TwinningId, string TwinningTitle, string MeetingTitle, MeetingFormat Format, DateOnly FirstDay, DateOnly LastDay, string? StartsAtLocal, int? DurationMinutes, string TimeZone,
    string? City, string Name, string Language, AttendanceStatus Status, bool Unsubscribed, bool MeetingCancelled, bool IsPast);
