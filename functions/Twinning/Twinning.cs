using Exchange.Practices;

namespace Exchange.Twinning;

public enum TwinningStatus
{
    Planned,
    Running,
    Completed,
}

public enum MeetingFormat
{
    /// <summary>A thematic workshop or laboratory on line.</summary>
    Online,
    /// <summary>An information-and-training meeting hosted at one of the centres.</summary>
    InPerson,
}

public enum MeetingStatus
{
    Scheduled,
    Cancelled,
}

public enum AttendanceStatus
{
    Registered,
    Cancelled,
}

/// <summary>What a learning centre did with the practice it was shown.</summary>
public enum Adoption
{
    Adopted,
    Adapted,
}

/// <summary>The title and description in one language.</summary>
public sealed record TwinningText(string Language, string Title, string Description);

/// <summary>A phase agreed with the regional administrations: what it is for, when, and whether it is done.</summary>
public sealed record Phase(string Name, DateOnly StartDate, DateOnly EndDate, string Purpose, bool Done);

/// <summary>
/// A twinning: the centre that knows a service (the mentor) paired with centres that want to
/// start it (the learners), through agreed phases, towards the transfer of a practice.
/// </summary>
public sealed record TwinningRecord(
    string Id,
    IReadOnlyList<TwinningText> Texts,
    string Service,
    string MentorOrganisationId,
    IReadOnlyList<string> LearnerOrganisationIds,
    string? PracticeId,
    IReadOnlyList<string> Regions,
    TwinningStatus Status,
    IReadOnlyList<Phase> Phases,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string ETag)
{
    public IReadOnlyList<string> Members => [MentorOrganisationId, .. LearnerOrganisationIds];

    public bool IsMember(string? organisationId) => organisationId is not null && Members.Contains(organisationId, StringComparer.Ordinal);

    public bool IsLearner(string? organisationId) => organisationId is not null && LearnerOrganisationIds.Contains(organisationId, StringComparer.Ordinal);

    /// <summary>The text in a language, else English, else the first.</summary>
    public TwinningText TextIn(string language) =>
        Texts.FirstOrDefault(t => t.Language == language) ?? Texts.FirstOrDefault(t => t.Language == "en") ?? Texts[0];
}

/// <summary>
/// A meeting of a twinning. Online: a local start with its time zone and a duration, and a join
/// link for members only. In person: a host centre, its address, first and last day, and the
/// centres invited. <see cref="Sequence"/> counts the changes an attendee's calendar must follow.
/// </summary>
public sealed record Meeting(
    string TwinningId,
    string Id,
    MeetingFormat Format,
    string Title,
    string? Agenda,
    string? Materials,
    bool IsPublic,
    int? Capacity,
    MeetingStatus Status,
    string TimeZone,
    DateTime? LocalStart,
    int? DurationMinutes,
    string? JoinUrl,
    string? HostOrganisationId,
    string? Address,
    string? City,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    IReadOnlyList<string> InvitedOrganisationIds,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Sequence,
    DateTimeOffset ChangedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string ETag)
{
    public bool IsCancelled => Status == MeetingStatus.Cancelled;

    /// <summary>The meeting's first and last calendar day where it takes place.</summary>
    public DateOnly FirstDate => FirstDay ?? DateOnly.FromDateTime(LocalStart!.Value);

    public DateOnly LastDate => LastDay ?? DateOnly.FromDateTime(LocalStart!.Value.AddMinutes(DurationMinutes ?? 0));
}

/// <summary>A named person a member organisation's editor registered for a meeting.</summary>
public sealed record Registration(
    string TwinningId,
    string MeetingId,
    string Id,
    string OrganisationId,
    string Name,
    string Role,
    string Email,
    string Language,
    AttendanceStatus Status,
    bool Unsubscribed,
    DateTimeOffset RegisteredAt,
    string RegisteredBy,
    DateTimeOffset? CancelledAt,
    string ETag)
{
    /// <summary>The attendee as a subject of reminders and signed links: the dot never appears in a mobility id.</summary>
    public string SubjectId => AttendeeIds.Subject(TwinningId, MeetingId, Id);

    public bool IsActive => Status == AttendanceStatus.Registered;
}

public static class AttendeeIds
{
    public const string Prefix = "tw.";

    public static string Subject(string twinningId, string meetingId, string registrationId) => $"{Prefix}{twinningId}.{meetingId}.{registrationId}";

    public static (string TwinningId, string MeetingId, string RegistrationId)? Parse(string? subject)
    {
        if (subject is null || !subject.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = subject[Prefix.Length..].Split('.');
        return parts.Length == 3 && parts.All(TwinningIds.IsValid) ? (parts[0], parts[1], parts[2]) : null;
    }
}

/// <summary>A post's text in one language. A translation records the original's revision it was made from.</summary>
public sealed record UpdateText(string Language, bool IsOriginal, int? TranslatesRevision, string Title, string Body);

/// <summary>A dated post by the mentor or the coordinator: news of the twinning.</summary>
public sealed record TwinningUpdate(
    string TwinningId,
    string Id,
    DateOnly Date,
    string? AuthorOrganisationId,
    string AuthorEmail,
    bool Published,
    int Revision,
    IReadOnlyList<UpdateText> Texts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ETag)
{
    public UpdateText Original => Texts.First(t => t.IsOriginal);

    public bool IsOutOfDate(UpdateText text) => !text.IsOriginal && text.TranslatesRevision < Revision;
}

/// <summary>What one learning centre adopted or adapted, what it started and its first results, with indicators as in the practice template.</summary>
public sealed record LearnerOutcome(
    string TwinningId,
    string OrganisationId,
    Adoption Adoption,
    string Language,
    string Practice,
    string Started,
    string FirstResults,
    IReadOnlyList<Indicator> Indicators,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string ETag);
