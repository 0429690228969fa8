namespace Exchange.Practices;

public enum PracticeStatus
{
    Draft,
    Submitted,
    ChangesRequested,
    Published,
    Unpublished,
}

/// <summary>The translatable part of a practice: one per language.</summary>
public sealed record PracticeText(
    string Name,
    string Objectives,
    string Description,
    string? Budget,
    string? FundingSource,
    string Evaluation,
    IReadOnlyList<Indicator> Indicators);

public sealed record Indicator(string Name, string? Value);

/// <summary>A text in one language. A translation records the original's revision it was made from.</summary>
public sealed record LanguageVersion(string Language, bool IsOriginal, int? TranslatesRevision, PracticeText Text);

/// <summary>The facts shared by every language version.</summary>
public sealed record PracticeFacts(
    string Language,
    string Country,
    string City,
    int StartYear,
    int? EndYear,
    bool Ongoing,
    IReadOnlyList<string> Fields,
    IReadOnlyList<string> TargetGroups,
    decimal? BudgetAmount,
    string? BudgetCurrency,
    int? BudgetYear,
    bool ContactVisible,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone);

/// <summary>One version of a practice: the shared facts, the original text revision and every language version.</summary>
public sealed record PracticeContent(PracticeFacts Facts, int Revision, IReadOnlyList<LanguageVersion> Texts)
{
    public LanguageVersion Original => Texts.First(t => t.IsOriginal);

    public bool IsOutOfDate(LanguageVersion version) => !version.IsOriginal && version.TranslatesRevision < Revision;
}

public sealed record HistoryEntry(string Action, string By, DateTimeOffset At, string? Comment);

/// <summary>
/// A practice with its working copy and, once published, the public version. While a
/// revision of a published practice is in moderation, the public version stays as it was.
/// </summary>
public sealed record Practice(
    string Id,
    string OrganisationId,
    PracticeStatus Status,
    PracticeContent Working,
    PracticeContent? Published,
    DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt,
    string? LastComment,
    IReadOnlyList<HistoryEntry> History,
    string ETag)
{
    public bool HasPendingRevision => Published is not null && Status != PracticeStatus.Published;
}
