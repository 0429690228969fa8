namespace Exchange.Discussion;

public sealed record CommentInput(string? Text, string? Language, string? ParentId, string? AuthorName);

public sealed record CommentEditInput(string? Text, string? Language);

public sealed record ReportInput(string? Reason);

public sealed record ModerationInput(string? Reason);

public sealed record DigestSettingInput(bool? DigestOn);

/// <summary>Who wrote a comment, as they were when they wrote it; null once the comment is deleted or its author erased.</summary>
public sealed record CommentAuthorView(string? Name, string? OrganisationId, string? OrganisationName, string? Country, bool IsCoordinator);

/// <summary>
/// A comment as a reader sees it: a hidden one shows its reason instead of its text (the
/// coordinator still reads the text), a deleted one only that it was deleted. The ETag is given
/// to whoever may act on it: its author, and the coordinator.
/// </summary>
public sealed record CommentView(
    string Id, string? ParentId, CommentAuthorView? Author, string Language, string? Text, CommentStatus Status, string? HiddenReason,
    DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, DateTimeOffset? EditableUntil, bool IsOwn, bool CanEdit, int? ReportCount,
    string? Etag, IReadOnlyList<CommentView> Replies);

public sealed record ThreadView(
    ThreadKind Kind, string ThreadId, string Title, bool CanComment, string? YourName, int MaxLength, int Count, IReadOnlyList<CommentView> Comments);

/// <summary>A reported comment on the coordinator's list, with where it is.</summary>
public sealed record ReportedCommentView(ThreadKind Kind, string ThreadId, string ThreadTitle, string Path, CommentView Comment, IReadOnlyList<string?> Reasons);

public sealed record DigestSettingView(string OrganisationId, bool DigestOn, string? Etag);
