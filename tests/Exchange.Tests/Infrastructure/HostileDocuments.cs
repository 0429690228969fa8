using System.IO.Compression;
using System.Text;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Files made to break document readers, written the way an attacker would: by hand, byte by
/// byte. Each is small on the wire; the bombs are generated streaming, so the test itself never
/// holds what they expand to.
/// </summary>
public static class HostileDocuments
{
    /// <summary>A page whose /Contents is an object that is nothing but a reference to itself.</summary>
    public static byte[] SelfReferencingPdf() => RawPdf.Build(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        "4 0 R");

    /// <summary>One page at the bottom of a page tree <paramref name="depth"/> levels deep (each level a Pages node with one kid).</summary>
    public static byte[] DeeplyNestedPdf(int depth = 60_000)
    {
        var objects = new List<string?> { "<< /Type /Catalog /Pages 2 0 R >>" };
        for (var level = 0; level < depth; level++)
        {
            objects.Add($"<< /Type /Pages /Kids [{level + 3} 0 R] /Count 1{(level > 0 ? $" /Parent {level + 1} 0 R" : "")} >>");
        }
        objects.Add($"<< /Type /Page /Parent {depth + 1} 0 R /MediaBox [0 0 612 792] >>");
        return RawPdf.Build([.. objects]);
    }

    /// <summary>A page whose content stream is a few hundred KB of Flate data that inflates to <paramref name="inflatedBytes"/>.</summary>
    public static byte[] DecompressionBombPdf(long inflatedBytes = 200L * 1024 * 1024)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (long written = 0; written < inflatedBytes; written += spaces.Length)
            {
                zlib.Write(spaces);
            }
        }
        return RawPdf.Build(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            ],
            (4, "/Filter /FlateDecode", compressed.ToArray()));
    }

    /// <summary>
    /// A Word document whose main part is one text run of <paramref name="runBytes"/> letters:
    /// about a megabyte as a file, and written without ever holding the run.
    /// </summary>
    public static void WriteZipBombDocx(Stream target, long runBytes = 1100L * 1024 * 1024)
    {
        using var zip = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        OfficeParts.AddPackageParts(zip);
        using var part = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
        part.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"""u8);
        var letters = new byte[1024 * 1024];
        Array.Fill(letters, (byte)'a');
        for (long written = 0; written < runBytes; written += letters.Length)
        {
            part.Write(letters);
        }
        part.Write("</w:t></w:r></w:p></w:body></w:document>"u8);
    }

    public static byte[] ZipBombDocx(long runBytes = 1100L * 1024 * 1024)
    {
        using var buffer = new MemoryStream();
        WriteZipBombDocx(buffer, runBytes);
        return buffer.ToArray();
    }

    /// <summary>A Word document whose body declares an external entity and uses it.</summary>
    public static byte[] XxeDocx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            OfficeParts.AddPackageParts(zip);
            OfficeParts.Add(zip, "word/document.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>
                """);
        }
        return buffer.ToArray();
    }

    /// <summary>An OpenDocument text whose content declares an external entity and uses it.</summary>
    public static byte[] XxeOdt() => OfficeParts.Odt("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
          <office:body><office:text><text:p>&xxe;</text:p></office:text></office:body>
        </office:document-content>
        """);
}

/// <summary>A PDF written object by object, with a correct cross-reference table.</summary>
public static class RawPdf
{
    public static byte[] Build(params string?[] objects) => Build(objects, []);

    /// <summary>Objects 1… from <paramref name="objects"/> (null leaves a number to a stream), then the streams under their own numbers.</summary>
    public static byte[] Build(string?[] objects, params (int Number, string Dictionary, byte[] Data)[] streams)
    {
        using var pdf = new MemoryStream();
        void Write(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new SortedDictionary<int, long>();
        for (var i = 0; i < objects.Length; i++)
        {
            if (objects[i] is null)
            {
                continue;
            }
            offsets[i + 1] = pdf.Position;
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        foreach (var (number, dictionary, data) in streams)
        {
            offsets[number] = pdf.Position;
            Write($"{number} 0 obj\n<< {dictionary} /Length {data.Length} >>\nstream\n");
            pdf.Write(data);
            Write("\nendstream\nendobj\n");
        }
        var size = offsets.Keys.Max() + 1;
        var xref = pdf.Position;
        Write($"xref\n0 {size}\n0000000000 65535 f \n");
        for (var n = 1; n < size; n++)
        {
            Write(offsets.TryGetValue(n, out var at) ? $"{at:D10} 00000 n \n" : "0000000000 65535 f \n");
        }
        Write($"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}

/// <summary>The package parts every Word document and OpenDocument text needs, for files written by hand.</summary>
public static class OfficeParts
{
    public static void Add(ZipArchive zip, string name, string content, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, level).Open(), new UTF8Encoding(false));
        writer.Write(content.TrimStart());
    }

    public static void AddPackageParts(ZipArchive zip)
    {
        Add(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """);
        Add(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """);
    }

    /// <summary>An OpenDocument text with the given content.xml and, optionally, styles.xml and manifest entries.</summary>
    public static byte[] Odt(string content, string? styles = null, string manifestEntries = "")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var mimetype = zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open())
            {
                mimetype.Write("application/vnd.oasis.opendocument.text"u8);
            }
            Add(zip, "META-INF/manifest.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                  <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{manifestEntries}</manifest:file-entry>
                </manifest:manifest>
                """);
            Add(zip, "content.xml", content);
            if (styles is not null)
            {
                Add(zip, "styles.xml", styles);
            }
        }
        return buffer.ToArray();
    }
}
