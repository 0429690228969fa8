namespace Exchange.Materials;

/// <summary>
/// A current file as its editors see it. <c>TextStatus</c> says whether the library search finds
/// words inside it: <c>reading</c> until its text has been read, then <c>searchable</c>, or
/// <c>not-searchable</c> with the <c>TextProblem</c> that stopped the reader. <c>Sha256</c> is null until
/// computed from the stored bytes; <c>ReadUrl</c> (PDFs only) opens the file in the browser.
/// </summary>
public sealed record VersionView(
    string Language, bool IsOriginal, int Revision, int? TranslatesRevision, bool OutOfDate, string FileName, string Type, string ContentType,
    long Size, string? Sha256, DateTimeOffset UploadedAt, string UploadedBy, long Downloads, TextStatus TextStatus, TextFailure? TextProblem,
    string DownloadUrl, string? ReadUrl);

public sealed record HistoryView(
    string Language, int Revision, int? TranslatesRevision, string FileName, string Type, string ContentType, long Size, string? Sha256,
    DateTimeOffset UploadedAt, string UploadedBy, DateTimeOffset? ReplacedAt, long Downloads, string DownloadUrl);

/// <summary>What an editor sees of a material: every fact, the current files, the replaced ones, and download counts.</summary>
public sealed record MaterialView(
    string Id, string OrganisationId, string OrganisationName, string Language, IReadOnlyDictionary<string, string> Titles, string Description,
    string Category, int Year, string Licence, IReadOnlyList<string> RelatedPractices, IReadOnlyList<VersionView> Versions,
    IReadOnlyList<HistoryView> History, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Etag)
{
    public static MaterialView From(Material m, string organisationName, IReadOnlyDictionary<(string, string, int), long> downloads, IReadOnlyList<TextIndex> texts)
    {
        long Count(MaterialFile f) => downloads.GetValueOrDefault((m.Id, f.Language, f.Revision));
        var byBlob = texts.Where(t => t.ReaderVersion >= MaterialTextIndexer.ReaderVersion).DistinctBy(t => t.BlobName).ToDictionary(t => t.BlobName);
        VersionView Version(MaterialFile f)
        {
            // No record yet, or one for an older file or reader: the file is queued to be read.
            var (status, problem) = byBlob.TryGetValue(f.BlobName, out var t)
                ? (t.Status, t.Status == TextStatus.NotSearchable ? t.Reason ?? TextFailure.Damaged : (TextFailure?)null)
                : (TextStatus.Reading, null);
            return new VersionView(f.Language, f.Language == m.Facts.Language, f.Revision, f.TranslatesRevision, m.IsOutOfDate(f), f.FileName, f.Type,
                f.ContentType, f.Size, f.Sha256, f.UploadedAt, f.UploadedBy, Count(f), status, problem, MaterialLinks.Download(m.Id, f.Language),
                MaterialLinks.Read(m.Id, f));
        }
        var versions = MaterialLinks.Ordered(m, m.Facts.Language).Select(Version).ToList();
        var history = m.History.OrderByDescending(f => f.ReplacedAt).Select(f => new HistoryView(f.Language, f.Revision, f.TranslatesRevision, f.FileName, f.Type,
            f.ContentType, f.Size, f.Sha256, f.UploadedAt, f.UploadedBy, f.ReplacedAt, Count(f), MaterialLinks.Revision(m.Id, f.Language, f.Revision))).ToList();
        var facts = m.Facts;
        return new MaterialView(m.Id, m.OrganisationId, organisationName, facts.Language, facts.Titles, facts.Description, facts.Category, facts.Year,
            facts.Licence, facts.RelatedPractices, versions, history, m.CreatedAt, m.UpdatedAt, m.ETag);
    }
}

public sealed record LibraryVersion(
    string Language, string Title, bool IsOriginal, bool OutOfDate, string FileName, string Type, string ContentType, long Size,
    DateTimeOffset UploadedAt, long? Downloads, string DownloadUrl, string? ReadUrl);

/// <summary>A material in the public library, its versions ordered with the visitor's preferred one first.</summary>
public sealed record LibraryItem(
    string Id, string Title, string Description, string Category, int Year, string Licence, string Language, string OrganisationId,
    string OrganisationName, IReadOnlyList<string> RelatedPractices, string PreferredLanguage, IReadOnlyList<string> MatchedLanguages,
    bool Editable, IReadOnlyList<LibraryVersion> Versions);

public sealed record LibraryPage(int Total, IReadOnlyList<string> VisitorLanguages, IReadOnlyList<LibraryItem> Items);

public static class MaterialLinks
{
    public static string Download(string id, string language) => $"/api/materials/{id}/versions/{language}/download";

    public static string Revision(string id, string language, int revision) => $"/api/materials/{id}/versions/{language}/revisions/{revision}/download";

    /// <summary>The download link that opens a PDF in the browser's own viewer; other types are only downloaded.</summary>
    public static string? Read(string id, MaterialFile file) =>
        file.Type == FileTypes.Pdf.Id ? $"{Download(id, file.Language)}?disposition=inline" : null;

    public static string Commit(string id, string language, string slot) => $"/api/materials/{id}/versions/{language}/uploads/{slot}/commit";

    /// <summary>The current files with the given language first, then the original, then the others alphabetically.</summary>
    public static IEnumerable<MaterialFile> Ordered(Material m, string first) =>
        m.Files.OrderByDescending(f => f.Language == first).ThenByDescending(f => f.Language == m.Facts.Language).ThenBy(f => f.Language, StringComparer.Ordinal);
}
