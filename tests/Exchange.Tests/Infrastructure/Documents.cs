using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Exchange.Tests.Infrastructure;

/// <summary>Real documents made with the same libraries that read them, for upload and extraction tests.</summary>
public static class Documents
{
    public static byte[] Pdf(params string[] lines) => OnePagePdf((page, font) =>
    {
        var y = 780.0;
        foreach (var line in lines)
        {
            page.AddText(line, 12, new PdfPoint(50, y), font);
            y -= 18;
        }
    });

    /// <summary>An A4 page in Helvetica (a standard font, so nothing is embedded), drawn by <paramref name="draw"/>.</summary>
    public static byte[] OnePagePdf(Action<PdfPageBuilder, PdfDocumentBuilder.AddedFont> draw)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        draw(builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4), font);
        return builder.Build();
    }

    public static byte[] Docx(params string[] paragraphs) =>
        WordDocument(main => main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p)))))));

    /// <summary>A Word document whose main part (and any parts it adds) <paramref name="write"/> fills in.</summary>
    public static byte[] WordDocument(Action<MainDocumentPart> write)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            write(main);
            main.Document.Save();
        }
        return buffer.ToArray();
    }

    /// <summary>An OpenDocument text: the stored <c>mimetype</c> entry first, then the manifest and the content.</summary>
    public static byte[] Odt(params string[] paragraphs)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string content, CompressionLevel level)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, level).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
            Add("mimetype", "application/vnd.oasis.opendocument.text", CompressionLevel.NoCompression);
            Add("META-INF/manifest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                  <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """, CompressionLevel.Optimal);
            var body = string.Concat(paragraphs.Select(p => $"<text:p>{System.Security.SecurityElement.Escape(p)}</text:p>"));
            Add("content.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                  <office:body><office:text>{body}</office:text></office:body>
                </office:document-content>
                """, CompressionLevel.Optimal);
        }
        return buffer.ToArray();
    }

    /// <summary>A ZIP that is neither a Word nor an OpenDocument file.</summary>
    public static byte[] Zip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("Not a document.");
        }
        return buffer.ToArray();
    }

    /// <summary>The start of a Linux executable, which a renamed ".pdf" might really be.</summary>
    public static byte[] Executable() => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[4096]];

    /// <summary>A PDF signature followed by a predictable pattern, so ranges can be checked byte for byte.</summary>
    public static byte[] PatternedPdf(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 % 251);
        }
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }
}

/// <summary>
/// A request body of a given length that counts what was read, and fails once a reader goes
/// past <c>failAfter</c> bytes: as a client that disconnects, or as a guard that proves a
/// server answered without reading the body.
/// </summary>
public sealed class ProbeStream(byte[] head, long length, long failAfter) : Stream
{
    private long _position;

    public long BytesRead => Interlocked.Read(ref _position);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= failAfter)
        {
            throw new IOException("The client went away.");
        }
        var count = (int)Math.Min(buffer.Length, Math.Min(length, failAfter) - _position);
        for (var i = 0; i < count; i++)
        {
            var at = _position + i;
            buffer[i] = at < head.Length ? head[at] : (byte)'x';
        }
        Interlocked.Add(ref _position, count);
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
