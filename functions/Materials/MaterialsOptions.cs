namespace Exchange.Materials;

public sealed class MaterialsOptions
{
    public const string Section = "Materials";

    public static readonly IReadOnlyList<string> DefaultTypes = ["pdf", "docx", "odt"];

    /// <summary>
    /// File types partners may upload (ids from <see cref="FileTypes"/>). Null keeps the default,
    /// because the configuration binder appends to a list it finds already filled.
    /// </summary>
    public List<string>? AllowedTypes { get; set; }

    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Size of the blocks an upload is staged in; at most <see cref="BlockUpload.Ring"/> are held per upload.</summary>
    public int UploadBlockBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Files larger than this are stored and served but their text is not extracted for search.</summary>
    public long MaxTextExtractionBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Characters of a document's text read for the search index.</summary>
    public int MaxExtractedCharacters { get; set; } = 2_000_000;

    /// <summary>The allowed types; unknown ids are refused at start (see <c>AddMaterials</c>).</summary>
    public IReadOnlyList<FileType> Types =>
        FileTypes.All.Where(t => (AllowedTypes is { Count: > 0 } ? AllowedTypes : DefaultTypes).Contains(t.Id, StringComparer.OrdinalIgnoreCase)).ToList();
}
