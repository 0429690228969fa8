using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;

namespace Exchange.Materials;

/// <summary>
/// Reads the text of a stored document for the search index, stopping at a character cap.
/// Documents are read part by part (pages; the Word body with a forward-only reader; the
/// OpenDocument content with an XmlReader), so a large file is never loaded whole.
/// </summary>
public static class DocumentText
{
    public static string Extract(FileType type, Stream seekable, int maxCharacters)
    {
        var text = new StringBuilder();
        if (type == FileTypes.Pdf)
        {
            ReadPdf(seekable, text, maxCharacters);
        }
        else if (type == FileTypes.Docx)
        {
            ReadDocx(seekable, text, maxCharacters);
        }
        else if (type == FileTypes.Odt)
        {
            ReadOdt(seekable, text, maxCharacters);
        }
        return text.Length > maxCharacters ? text.ToString(0, maxCharacters) : text.ToString();
    }

    private static void ReadPdf(Stream stream, StringBuilder text, int max)
    {
        using var document = PdfDocument.Open(stream, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        foreach (var page in document.GetPages())
        {
            foreach (var word in page.GetWords())
            {
                text.Append(word.Text).Append(' ');
            }
            text.Append('\n');
            if (text.Length >= max)
            {
                return;
            }
        }
    }

    private static void ReadDocx(Stream stream, StringBuilder text, int max)
    {
        using var document = WordprocessingDocument.Open(stream, false);
        if (document.MainDocumentPart is not { } body)
        {
            return;
        }
        using var reader = OpenXmlReader.Create(body);
        while (reader.Read() && text.Length < max)
        {
            if (reader.ElementType == typeof(Text) && reader.IsStartElement)
            {
                text.Append(reader.GetText());
            }
            else if (reader.IsEndElement && (reader.ElementType == typeof(Paragraph) || reader.ElementType == typeof(TableCell)))
            {
                text.Append('\n');
            }
            else if (reader.ElementType == typeof(TabChar) || reader.ElementType == typeof(Break))
            {
                text.Append(' ');
            }
        }
    }

    private static void ReadOdt(Stream stream, StringBuilder text, int max)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.GetEntry("content.xml") is not { } entry)
        {
            return;
        }
        using var content = entry.Open();
        using var reader = XmlReader.Create(content, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
        while (reader.Read() && text.Length < max)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName is "p" or "h")
            {
                text.Append('\n');
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "s" or "tab" or "line-break")
            {
                text.Append(' ');
            }
        }
    }
}
