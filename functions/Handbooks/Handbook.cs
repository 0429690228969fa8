namespace Exchange.Handbooks;

public enum HandbookStatus
{
    /// <summary>Composed, never generated.</summary>
    Draft,
    Queued,
    Generating,
    Generated,
    /// <summary>The last generation failed; the previous revision, if any, stays published.</summary>
    Failed,
}

/// <summary>The introduction in one of the handbook's languages; the handbook is generated in each language it has an introduction in.</summary>
public sealed record HandbookIntroduction(string Language, string Text);

/// <summary>
/// A practice in a chapter. <see cref="Language"/> names the version to print where the edition's
/// own language has none; without it, such an edition prints the practice's original.
/// </summary>
public sealed record HandbookEntry(string PracticeId, string? Language);

/// <summary>A chapter, titled in one or more languages (an edition takes its own, else the first).</summary>
public sealed record HandbookChapter(IReadOnlyDictionary<string, string> Titles, IReadOnlyList<HandbookEntry> Practices)
{
    public string TitleIn(string language) => Titles.GetValueOrDefault(language) ?? Titles.Values.First();
}

/// <summary>
/// A handbook of the partnership's practices, composed by a coordinator and generated in the
/// background as a PDF (published as a material, one version per language) and a Word file to
/// edit further. Each generation is a new revision of the material; earlier ones stay in its history.
/// </summary>
public sealed record Handbook(
    string Id,
    string Title,
    IReadOnlyList<HandbookIntroduction> Introductions,
    IReadOnlyList<HandbookChapter> Chapters,
    DateOnly Date,
    string OrganisationId,
    string Licence,
    string? MaterialId,
    int Revision,
    HandbookStatus Status,
    int Progress,
    string? Step,
    string? LastError,
    DateTimeOffset? GeneratedAt,
    IReadOnlyDictionary<string, string> WordFiles,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string ETag)
{
    public IReadOnlyList<string> Languages => Introductions.Select(i => i.Language).ToList();

    public IEnumerable<HandbookEntry> Entries => Chapters.SelectMany(c => c.Practices);
}
