using Exchange.Common;

namespace Exchange.Materials;

public static class MaterialCategories
{
    public static readonly IReadOnlyList<string> All =
        ["final-publication", "policy-paper", "case-study", "practice-report", "training-material", "other"];
}

/// <summary>The facts of a material shared by all its language versions.</summary>
public sealed record MaterialFacts(
    string Language,
    IReadOnlyDictionary<string, string> Titles,
    string Description,
    string Category,
    int Year,
    string Licence,
    IReadOnlyList<string> RelatedPractices);

/// <summary>
/// One stored file: a language version at one revision. A translation records the revision
/// of the original-language file it was made from. The content is the blob's snapshot taken
/// when the upload was committed (older files, stored before snapshots, are the blob itself);
/// its SHA-256 is filled in by <see cref="MaterialHasher"/> from the stored bytes.
/// </summary>
public sealed record MaterialFile(
    string Language,
    int Revision,
    int? TranslatesRevision,
    string FileName,
    string Type,
    string ContentType,
    long Size,
    string? Sha256,
    string BlobName,
    DateTimeOffset UploadedAt,
    string UploadedBy,
    DateTimeOffset? ReplacedAt,
    string? Snapshot = null);

/// <summary>
/// A material: its facts, the current file of each language, and the files they replaced.
/// One table entity, so adding a file is a single ETag-guarded write.
/// </summary>
public sealed record Material(
    string Id,
    string OrganisationId,
    MaterialFacts Facts,
    IReadOnlyList<MaterialFile> Files,
    IReadOnlyList<MaterialFile> History,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ETag)
{
    public MaterialFile? Original => Files.FirstOrDefault(f => f.Language == Facts.Language);

    public bool IsOutOfDate(MaterialFile file) =>
        file.Language != Facts.Language && Original is { } original && file.TranslatesRevision < original.Revision;

    public string TitleIn(string language) => Facts.Titles.GetValueOrDefault(language) ?? Facts.Titles.GetValueOrDefault(Facts.Language) ?? "";

    public MaterialFile? FileIn(string language) => Files.FirstOrDefault(f => f.Language == language);
}

/// <summary>The rules for changing a material, as pure functions.</summary>
public static class MaterialRules
{
    /// <summary>Replaced files kept per material; older ones drop out and their blobs are purged.</summary>
    public const int HistoryLimit = 100;

    public static Material Create(string id, string organisationId, MaterialFacts facts, DateTimeOffset now) =>
        new(id, organisationId, facts, [], [], now, now, "");

    public static Outcome<Material> Edit(Material material, MaterialFacts facts, DateTimeOffset now) =>
        facts.Language != material.Facts.Language && material.Files.Count > 0
            ? Outcome.Refuse("The language of the original cannot change once files are uploaded.")
            : material with { Facts = facts, UpdatedAt = now };

    /// <summary>
    /// Makes <paramref name="file"/> the current version of its language; the file it replaces
    /// goes to the history. A translation needs the original's file, whose revision it records.
    /// </summary>
    public static Outcome<Material> AddFile(Material material, MaterialFile file, DateTimeOffset now)
    {
        var isOriginal = file.Language == material.Facts.Language;
        if (CannotAdd(material, file.Language) is { } error)
        {
            return Outcome.Refuse(error);
        }
        var revision = material.Files.Concat(material.History).Where(f => f.Language == file.Language).Select(f => f.Revision).DefaultIfEmpty(0).Max() + 1;
        var added = file with { Revision = revision, TranslatesRevision = isOriginal ? null : material.Original?.Revision, ReplacedAt = null };
        var replaced = material.FileIn(file.Language);
        var files = material.Files.Where(f => f.Language != file.Language).Append(added).OrderBy(f => f.Language, StringComparer.Ordinal).ToList();
        var history = replaced is null ? material.History : [.. material.History.TakeLast(HistoryLimit - 1), replaced with { ReplacedAt = now }];
        return material with { Files = files, History = history, UpdatedAt = now };
    }

    /// <summary>Why a file in <paramref name="language"/> cannot be added now; null when it can.</summary>
    public static string? CannotAdd(Material material, string language) =>
        language != material.Facts.Language && material.Original is null
            ? $"Upload the file in the material's own language ({material.Facts.Language}) first; translations record which version of it they follow."
            : null;

    /// <summary>Records the SHA-256 of the file stored in <paramref name="blobName"/>, current or in the history; null when it is gone.</summary>
    public static Material? WithHash(Material material, string blobName, string sha256)
    {
        MaterialFile Hashed(MaterialFile f) => f.BlobName == blobName ? f with { Sha256 = sha256 } : f;
        return material.Files.Concat(material.History).Any(f => f.BlobName == blobName)
            ? material with { Files = material.Files.Select(Hashed).ToList(), History = material.History.Select(Hashed).ToList() }
            : null;
    }
}
