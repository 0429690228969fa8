namespace Exchange.Materials;

public sealed class MaterialsOptions
{
    public const string Section = "Materials";

    public static readonly IReadOnlyList<string> DefaultTypes = ["pdf", "docx", "odt"];

    /// <summary>Longest a write SAS for an upload slot may live; a slot is a valet key, kept short.</summary>
    public static readonly TimeSpan MaxUploadLinkLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Longest a read SAS behind a download link may live.</summary>
    public static readonly TimeSpan MaxDownloadLinkLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// File types partners may upload (ids from <see cref="FileTypes"/>). Null keeps the default,
    /// because the configuration binder appends to a list it finds already filled.
    /// </summary>
    public List<string>? AllowedTypes { get; set; }

    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Smallest block a browser uploads a file in (see <see cref="BlockBytesFor"/>).</summary>
    public int UploadBlockBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Blocks a browser sends at once. Two: a browser's uplink is rarely wider than two streams
    /// fill, and on the 2-core development machine Azurite took four at once more slowly than one.
    /// </summary>
    public int UploadParallelism { get; set; } = 2;

    /// <summary>How long the write SAS of an upload slot is valid; at most <see cref="MaxUploadLinkLifetime"/>.</summary>
    public TimeSpan UploadLinkLifetime { get; set; } = MaxUploadLinkLifetime;

    /// <summary>How long the read SAS a download redirects to is valid; at most <see cref="MaxDownloadLinkLifetime"/>.</summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = MaxDownloadLinkLifetime;

    /// <summary>Files larger than this are stored and served but their text is not extracted for search.</summary>
    public long MaxTextExtractionBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Characters of a document's text read for the search index.</summary>
    public int MaxExtractedCharacters { get; set; } = 2_000_000;

    /// <summary>Characters kept from one run of text (a Word run, an OpenDocument text node, a PDF word); the rest of the run is skipped.</summary>
    public int MaxRunCharacters { get; set; } = 100_000;

    /// <summary>Bytes one part of a document may decompress to (a ZIP entry, a PDF stream), counted while it inflates.</summary>
    public long MaxDecompressedPartBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Deepest nesting of XML elements or PDF objects that is read.</summary>
    public int MaxNestingDepth { get; set; } = 256;

    /// <summary>Hard limit on the managed heap of the process that reads a document (its <c>DOTNET_GCHeapHardLimit</c>).</summary>
    public long SandboxMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Longest a document may take to read; then its reader is killed.</summary>
    public TimeSpan SandboxTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts at reading one file; after this many failures it is not tried again.</summary>
    public int MaxTextAttempts { get; set; } = 2;

    /// <summary>
    /// The block size for a file: a large file is cut into as many blocks as the browser sends at
    /// once, so each connection carries one block and storage handles the fewest requests; a small
    /// one into blocks of <see cref="UploadBlockBytes"/>. At most 100 MiB.
    /// </summary>
    public int BlockBytesFor(long size) =>
        (int)Math.Clamp((size + UploadParallelism - 1) / UploadParallelism, UploadBlockBytes, Math.Max(UploadBlockBytes, 100L * 1024 * 1024));

    /// <summary>The allowed types; unknown ids are refused at start (see <c>AddMaterials</c>).</summary>
    public IReadOnlyList<FileType> Types =>
        FileTypes.All.Where(t => (AllowedTypes is { Count: > 0 } ? AllowedTypes : DefaultTypes).Contains(t.Id, StringComparer.OrdinalIgnoreCase)).ToList();
}
