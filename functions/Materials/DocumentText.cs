using System.IO.Compression;
using System.Text;
using System.Xml;
using UglyToad.PdfPig;
using UglyToad.PdfPig.AcroForms;
using UglyToad.PdfPig.AcroForms.Fields;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Exchange.Materials;

/// <summary>
/// Reads the text of a document for the search index. This runs only inside the sandbox
/// (<see cref="TextExtractorMode"/>): whatever a hostile file does to these parsers ends that
/// process, not the app. It still stops at every reading limit while it reads — bytes inflated
/// from one part, characters in a run and in all, nesting depth — so an ordinary file's cost is
/// bounded too. A damaged, encrypted or over-limit file throws <see cref="UnreadableDocumentException"/>.
/// </summary>
public static class DocumentText
{
    public static string Extract(FileType type, Stream seekable, ReadingLimits limits)
    {
        var text = new TextSink(limits.MaxCharacters);
        try
        {
            if (type == FileTypes.Pdf)
            {
                PdfText.Read(seekable, text, limits);
            }
            else if (type == FileTypes.Docx)
            {
                WordText.Read(seekable, text, limits);
            }
            else if (type == FileTypes.Odt)
            {
                OpenDocumentText.Read(seekable, text, limits);
            }
        }
        catch (XmlException ex)
        {
            // Includes a document type declaration, which is refused outright (no entities, no XXE).
            throw new UnreadableDocumentException(TextFailure.Damaged, "The document's XML is malformed or declares a DTD.", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new UnreadableDocumentException(TextFailure.Damaged, "The document's ZIP container is damaged.", ex);
        }
        return text.ToString();
    }
}

/// <summary>The text read so far, which takes no more than its cap; readers stop once it is full.</summary>
public sealed class TextSink(int maxCharacters)
{
    private readonly StringBuilder _text = new();

    public bool IsFull => _text.Length >= maxCharacters;

    public void Append(ReadOnlySpan<char> value)
    {
        var room = maxCharacters - _text.Length;
        if (room > 0)
        {
            _text.Append(value.Length > room ? value[..room] : value);
        }
    }

    public void Append(char c) => Append([c]);

    public override string ToString() => _text.ToString();
}

/// <summary>XML parts of ZIP containers, read with the limits: never a DTD, bounded depth, runs and bytes.</summary>
internal static class LimitedXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    public static XmlReader Open(ZipArchiveEntry entry, ReadingLimits limits) =>
        XmlReader.Create(new LimitedStream(entry.Open(), limits.MaxPartBytes, entry.FullName), Settings);

    /// <summary>Moves to the next node, refusing a document nested deeper than the limit.</summary>
    public static bool Next(XmlReader reader, ReadingLimits limits)
    {
        if (!reader.Read())
        {
            return false;
        }
        if (reader.Depth > limits.MaxDepth)
        {
            throw new UnreadableDocumentException(TextFailure.TooComplex, $"The document nests deeper than {limits.MaxDepth} levels.");
        }
        return true;
    }

    /// <summary>
    /// Appends the current text node in chunks: a run is never held whole, and what is past the
    /// run limit is read (bounded by the part's byte limit) and dropped.
    /// </summary>
    public static void AppendValue(XmlReader reader, TextSink text, ReadingLimits limits, char[] buffer)
    {
        var run = 0;
        int read;
        while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            var keep = Math.Min(read, limits.MaxRunCharacters - run);
            if (keep > 0)
            {
                text.Append(buffer.AsSpan(0, keep));
            }
            run += read;
            if (text.IsFull)
            {
                return;
            }
        }
    }

    /// <summary>The entries of a ZIP by name, case-insensitively as OPC names are compared.</summary>
    public static Dictionary<string, ZipArchiveEntry> Entries(ZipArchive zip)
    {
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            entries.TryAdd(entry.FullName, entry);
        }
        return entries;
    }

    /// <summary>An Office file encrypted with a password is not a ZIP but an OLE compound file.</summary>
    public static void RefuseCompoundFile(Stream stream)
    {
        Span<byte> head = stackalloc byte[8];
        var position = stream.Position;
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = position;
        if (read == 8 && head.SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            throw new UnreadableDocumentException(TextFailure.PasswordProtected, "The document is encrypted.");
        }
    }
}

/// <summary>
/// A Word document: the main body, then headers, footers, footnotes, endnotes and comments, each
/// found through the package's relationships. Text boxes are read where they stand. Text deleted
/// in tracked changes (and moved away) stays out; inserted text goes in; field codes are skipped.
/// </summary>
internal static class WordText
{
    private static readonly string[] PartKinds = ["header", "footer", "footnotes", "endnotes", "comments"];

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "del", "moveFrom", "delText", "instrText", "delInstrText" };

    public static void Read(Stream stream, TextSink text, ReadingLimits limits)
    {
        LimitedXml.RefuseCompoundFile(stream);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var entries = LimitedXml.Entries(zip);
        var main = Relationships(entries, "_rels/.rels", "", limits).FirstOrDefault(r => r.Kind == "officeDocument").Target ?? "word/document.xml";
        if (!entries.TryGetValue(main, out var body))
        {
            throw new UnreadableDocumentException(TextFailure.Damaged, "The Word document has no main part.");
        }
        var folder = main.Contains('/', StringComparison.Ordinal) ? main[..(main.LastIndexOf('/') + 1)] : "";
        var related = Relationships(entries, $"{folder}_rels/{main[folder.Length..]}.rels", folder, limits);
        var buffer = new char[4096];
        ReadPart(body, text, limits, buffer);
        foreach (var kind in PartKinds)
        {
            foreach (var (_, target) in related.Where(r => r.Kind == kind))
            {
                if (text.IsFull)
                {
                    return;
                }
                if (entries.TryGetValue(target, out var part))
                {
                    ReadPart(part, text, limits, buffer);
                }
            }
        }
    }

    private static void ReadPart(ZipArchiveEntry part, TextSink text, ReadingLimits limits, char[] buffer)
    {
        using var reader = LimitedXml.Open(part, limits);
        var skipDepth = -1;
        var inText = false;
        while (!text.IsFull && LimitedXml.Next(reader, limits))
        {
            if (skipDepth >= 0)
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == skipDepth)
                {
                    skipDepth = -1;
                }
                continue;
            }
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when IsWord(reader) && Skipped.Contains(reader.LocalName):
                case XmlNodeType.Element when reader.LocalName == "Fallback" && reader.NamespaceURI.EndsWith("markup-compatibility/2006", StringComparison.Ordinal):
                    // A Fallback repeats its Choice (a text box's text, twice) for older readers.
                    if (!reader.IsEmptyElement)
                    {
                        skipDepth = reader.Depth;
                    }
                    break;
                case XmlNodeType.Element when IsWord(reader):
                    if (reader.LocalName == "t")
                    {
                        inText = !reader.IsEmptyElement;
                    }
                    else if (reader.LocalName is "tab" or "br" or "cr" or "noBreakHyphen" or "txbxContent")
                    {
                        // A text box stands inside a run of the paragraph around it: keep their words apart.
                        text.Append(' ');
                    }
                    break;
                case XmlNodeType.EndElement when IsWord(reader):
                    if (reader.LocalName == "t")
                    {
                        inText = false;
                    }
                    else if (reader.LocalName is "p" or "tc" or "txbxContent")
                    {
                        text.Append('\n');
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inText:
                    LimitedXml.AppendValue(reader, text, limits, buffer);
                    break;
            }
        }
    }

    private static bool IsWord(XmlReader reader) =>
        reader.NamespaceURI.EndsWith("/wordprocessingml/2006/main", StringComparison.Ordinal) || reader.NamespaceURI.EndsWith("/wordprocessingml/main", StringComparison.Ordinal);

    /// <summary>The relationships of a part: their kind (the last segment of the type) and the target's entry name.</summary>
    private static List<(string Kind, string Target)> Relationships(Dictionary<string, ZipArchiveEntry> entries, string name, string folder, ReadingLimits limits)
    {
        var result = new List<(string, string)>();
        if (!entries.TryGetValue(name, out var entry))
        {
            return result;
        }
        using var reader = LimitedXml.Open(entry, limits);
        while (LimitedXml.Next(reader, limits) && result.Count < 1000)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("TargetMode") != "External"
                && reader.GetAttribute("Type") is { } type && reader.GetAttribute("Target") is { } target)
            {
                result.Add((type[(type.LastIndexOf('/') + 1)..], Resolve(folder, target)));
            }
        }
        return result;
    }

    private static string Resolve(string folder, string target)
    {
        var segments = new List<string>();
        foreach (var segment in ((target.StartsWith('/') ? "" : folder) + target).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }
        return string.Join('/', segments);
    }
}

/// <summary>
/// An OpenDocument text: the body of content.xml with its notes and comments (not their authors
/// and dates), then the headers and footers of the master pages in styles.xml. The record of
/// tracked changes, which holds deleted text, is skipped. A file whose content is encrypted is
/// password-protected, as its manifest says.
/// </summary>
internal static class OpenDocumentText
{
    private const string TextNamespace = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private const string OfficeNamespace = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

    public static void Read(Stream stream, TextSink text, ReadingLimits limits)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var entries = LimitedXml.Entries(zip);
        if (entries.TryGetValue("META-INF/manifest.xml", out var manifest) && IsEncrypted(manifest, limits))
        {
            throw new UnreadableDocumentException(TextFailure.PasswordProtected, "The document is encrypted.");
        }
        if (!entries.TryGetValue("content.xml", out var content))
        {
            throw new UnreadableDocumentException(TextFailure.Damaged, "The OpenDocument file has no content.");
        }
        var buffer = new char[4096];
        ReadPart(content, "body", text, limits, buffer);
        if (!text.IsFull && entries.TryGetValue("styles.xml", out var styles))
        {
            ReadPart(styles, "master-styles", text, limits, buffer);
        }
    }

    private static bool IsEncrypted(ZipArchiveEntry manifest, ReadingLimits limits)
    {
        using var reader = LimitedXml.Open(manifest, limits);
        while (LimitedXml.Next(reader, limits))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "encryption-data")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads the text inside the office element <paramref name="container"/> (the body, or the master pages).</summary>
    private static void ReadPart(ZipArchiveEntry part, string container, TextSink text, ReadingLimits limits, char[] buffer)
    {
        using var reader = LimitedXml.Open(part, limits);
        var inside = -1;
        var skipDepth = -1;
        while (!text.IsFull && LimitedXml.Next(reader, limits))
        {
            if (skipDepth >= 0)
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == skipDepth)
                {
                    skipDepth = -1;
                }
                continue;
            }
            if (inside < 0)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == container && reader.NamespaceURI == OfficeNamespace && !reader.IsEmptyElement)
                {
                    inside = reader.Depth;
                }
                continue;
            }
            switch (reader.NodeType)
            {
                case XmlNodeType.EndElement when reader.Depth == inside:
                    inside = -1;
                    break;
                case XmlNodeType.Element when IsSkipped(reader):
                    if (!reader.IsEmptyElement)
                    {
                        skipDepth = reader.Depth;
                    }
                    break;
                case XmlNodeType.Element when reader.NamespaceURI == TextNamespace && reader.LocalName is "s" or "tab" or "line-break":
                    text.Append(' ');
                    break;
                case XmlNodeType.Element or XmlNodeType.EndElement when reader.LocalName is "note" or "annotation" or "frame":
                    // Notes, comments and frames stand inside a paragraph: keep their words apart from its words.
                    text.Append(' ');
                    break;
                case XmlNodeType.EndElement when reader.NamespaceURI == TextNamespace && reader.LocalName is "p" or "h":
                    text.Append('\n');
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    LimitedXml.AppendValue(reader, text, limits, buffer);
                    break;
            }
        }
    }

    /// <summary>Deleted text in the change record, a note's number, and a comment's author and date.</summary>
    private static bool IsSkipped(XmlReader reader) =>
        (reader.NamespaceURI == TextNamespace && reader.LocalName is "tracked-changes" or "note-citation")
        || reader.NamespaceURI == "http://purl.org/dc/elements/1.1/";
}

/// <summary>
/// A PDF: words built from the glyphs' positions (PdfPig's nearest-neighbour extractor), not
/// from space characters alone, with each word's letters in reading order — right to left for
/// Hebrew and Arabic — and then the values of filled form fields. A document that opens with
/// the empty user password is read; any other encrypted one is password-protected.
/// </summary>
internal static class PdfText
{
    private static readonly NearestNeighbourWordExtractor Words = new(new NearestNeighbourWordExtractor.NearestNeighbourWordExtractorOptions { MaxDegreeOfParallelism = 1 });

    public static void Read(Stream stream, TextSink text, ReadingLimits limits)
    {
        var filters = new LimitedFilterProvider(limits.MaxPartBytes);
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(stream, new ParsingOptions
            {
                UseLenientParsing = true,
                SkipMissingFonts = true,
                MaxStackDepth = limits.MaxDepth,
                FilterProvider = filters,
            });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new UnreadableDocumentException(TextFailure.PasswordProtected, "The PDF needs a password to open.", ex);
        }
        catch (Exception ex) when (ex is not UnreadableDocumentException and not OutOfMemoryException)
        {
            throw Classify(ex, filters);
        }
        using (document)
        {
            var failed = 0;
            Exception? firstFailure = null;
            for (var number = 1; number <= document.NumberOfPages && !text.IsFull; number++)
            {
                try
                {
                    var page = document.GetPage(number);
                    filters.ThrowIfExceeded();
                    foreach (var word in Words.GetWords(page.Letters))
                    {
                        AppendWord(word, text, limits);
                    }
                    text.Append('\n');
                }
                catch (Exception ex) when (ex is not UnreadableDocumentException and not OutOfMemoryException)
                {
                    // One unreadable page leaves the others searchable.
                    filters.ThrowIfExceeded();
                    if (ex is PdfDocumentEncryptedException or PdfDocumentStackDepthException)
                    {
                        throw Classify(ex, filters);
                    }
                    failed++;
                    firstFailure ??= ex;
                }
            }
            if (failed > 0 && failed == document.NumberOfPages)
            {
                throw Classify(firstFailure!, filters);
            }
            AppendFormValues(document, text, limits);
        }
    }

    private static UnreadableDocumentException Classify(Exception ex, LimitedFilterProvider filters)
    {
        filters.ThrowIfExceeded();
        return ex switch
        {
            PdfDocumentEncryptedException => new(TextFailure.PasswordProtected, "The PDF needs a password to open.", ex),
            PdfDocumentStackDepthException => new(TextFailure.TooComplex, "The PDF nests its objects too deep.", ex),
            _ => new(TextFailure.Damaged, "The PDF could not be parsed.", ex),
        };
    }

    /// <summary>
    /// The letters of a word in reading order. They are ordered along the baseline (the order the
    /// extractor groups them in is not positional); a word of a right-to-left script is then read
    /// from its right end, so it is indexed in logical order whatever order the PDF drew it in.
    /// </summary>
    private static void AppendWord(Word word, TextSink text, ReadingLimits limits)
    {
        var letters = word.Letters;
        if (letters.All(l => string.IsNullOrWhiteSpace(l.Value)))
        {
            return; // a space glyph, which the extractor leaves as a word of its own
        }
        var dx = letters.Sum(l => l.EndBaseLine.X - l.StartBaseLine.X);
        var dy = letters.Sum(l => l.EndBaseLine.Y - l.StartBaseLine.Y);
        if (dx == 0 && dy == 0)
        {
            dx = 1;
        }
        var ordered = letters.OrderBy(l => (l.StartBaseLine.X * dx) + (l.StartBaseLine.Y * dy)).ToList();
        if (IsRightToLeft(ordered))
        {
            ordered.Reverse();
        }
        var run = 0;
        foreach (var letter in ordered)
        {
            run += letter.Value.Length;
            if (run > limits.MaxRunCharacters)
            {
                break;
            }
            text.Append(letter.Value);
        }
        text.Append(' ');
    }

    private static bool IsRightToLeft(List<Letter> letters)
    {
        var (rtl, ltr) = (0, 0);
        foreach (var c in letters.SelectMany(l => l.Value))
        {
            if (c is (>= '\u0590' and <= '\u08ff') or (>= '\ufb1d' and <= '\ufdff') or (>= '\ufe70' and <= '\ufefc'))
            {
                rtl += char.IsLetter(c) ? 1 : 0;
            }
            else if (char.IsLetter(c))
            {
                ltr++;
            }
        }
        return rtl > ltr;
    }

    /// <summary>The values of text, list and combo fields, walked with a bound on depth and count.</summary>
    private static void AppendFormValues(PdfDocument document, TextSink text, ReadingLimits limits)
    {
        AcroForm? form;
        try
        {
            if (!document.TryGetForm(out form))
            {
                return;
            }
        }
        catch (Exception ex) when (ex is not UnreadableDocumentException and not OutOfMemoryException)
        {
            return; // a damaged form: the pages' text is still worth keeping
        }
        var pending = new Stack<(AcroFieldBase Field, int Depth)>(form.Fields.Select(f => (f, 0)));
        var seen = 0;
        while (pending.Count > 0 && !text.IsFull && ++seen < 10_000)
        {
            var (field, depth) = pending.Pop();
            switch (field)
            {
                case AcroTextField { Value: { } value }:
                    text.Append(value.AsSpan(0, Math.Min(value.Length, limits.MaxRunCharacters)));
                    text.Append('\n');
                    break;
                case AcroComboBoxField combo:
                    AppendAll(combo.SelectedOptions, text);
                    break;
                case AcroListBoxField list:
                    AppendAll(list.SelectedOptions, text);
                    break;
                case AcroNonTerminalField parent when depth < limits.MaxDepth:
                    foreach (var child in parent.Children)
                    {
                        pending.Push((child, depth + 1));
                    }
                    break;
            }
        }
    }

    private static void AppendAll(IReadOnlyList<string> values, TextSink text)
    {
        foreach (var value in values)
        {
            text.Append(value);
            text.Append('\n');
        }
    }
}
