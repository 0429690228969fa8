namespace Exchange.Discussion;

/// <summary>What a thread is about: a published practice or a twinning.</summary>
public enum ThreadKind
{
    Practices,
    Twinnings,
}

public enum CommentStatus
{
    Visible,
    Hidden,
    Deleted,
}

/// <summary>
/// A comment, or a reply to one (one level deep). Stored as text and shown as text; links are
/// made clickable by the site. The author's name and organisation are kept as they were when it
/// was written. A hidden comment keeps its text for the coordinator, who may restore it; the public
/// sees the reason in its place.
/// </summary>
public sealed record Comment(
    ThreadKind Kind,
    string ThreadId,
    string Id,
    string? ParentId,
    string AuthorEmail,
    string? AuthorName,
    string? AuthorOrganisationId,
    bool ByCoordinator,
    string Language,
    string Text,
    CommentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    string? HiddenReason,
    DateTimeOffset? HiddenAt,
    string? HiddenBy,
    IReadOnlyList<CommentReport> Reports,
    bool ReportsOpen,
    string ETag)
{
    public bool IsReply => ParentId is not null;
}

/// <summary>One member's report of a comment; each member counts once.</summary>
public sealed record CommentReport(string ReporterHash, string? Reason, DateTimeOffset At);

/// <summary>Where a thread belongs: the organisation told of new comments, and what the mails and pages call it.</summary>
public sealed record ThreadOwner(ThreadKind Kind, string ThreadId, string Title, string? OrganisationId, string Path);
