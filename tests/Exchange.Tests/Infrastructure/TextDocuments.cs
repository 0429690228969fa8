using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using V = DocumentFormat.OpenXml.Vml;

namespace Exchange.Tests.Infrastructure;

/// <summary>Documents that put their words where simple readers miss them, made with the libraries (or by hand where they cannot).</summary>
public static class TextDocuments
{
    /// <summary>
    /// Words set glyph by glyph at computed positions, with no space characters between them, as
    /// journal PDFs typeset them: only the gaps between glyphs separate the words.
    /// </summary>
    public static byte[] PositionedPdf(params string[] words) => Documents.OnePagePdf((page, font) =>
    {
        var x = 50.0;
        foreach (var word in words)
        {
            foreach (var c in word)
            {
                var letters = page.AddText(c.ToString(), 12, new PdfPoint(x, 700), font);
                x = letters[^1].EndBaseLine.X;
            }
            x += 3.5; // a word gap, narrower than Helvetica's space (3.3 pt) plus a little
        }
    });

    /// <summary>
    /// The Hebrew word שלום drawn as most PDF producers draw right-to-left text: glyph by glyph
    /// from the left (ם ו ל ש), each mapped to its letter by the font's ToUnicode map; then a
    /// Latin word after it. The Hebrew font is a Type 3 font of plain boxes, since no font with
    /// Hebrew glyphs can be assumed on the machine.
    /// </summary>
    public static byte[] HebrewPdf()
    {
        const string toUnicode = """
            /CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def /CMapType 2 def
            1 begincodespacerange <00> <FF> endcodespacerange
            4 beginbfchar <41> <05DD> <42> <05D5> <43> <05DC> <44> <05E9> endbfchar
            endcmap CMapName currentdict /CMap defineresource pop end end
            """;
        const string content = "BT /F1 24 Tf 72 700 Td (ABCD) Tj ET BT /F2 24 Tf 72 650 Td (Ozieri) Tj ET";
        return RawPdf.Build(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
                null,
                "<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 600 700] /CharProcs << /box 8 0 R >> " +
                "/Encoding << /Differences [65 /box /box /box /box] >> /FirstChar 65 /LastChar 68 /Widths [600 600 600 600] /Resources << >> /ToUnicode 7 0 R >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            ],
            (4, "", System.Text.Encoding.ASCII.GetBytes(content)),
            (7, "", System.Text.Encoding.ASCII.GetBytes(toUnicode)),
            (8, "", "600 0 0 0 600 700 d1 0 0 600 700 re f"u8.ToArray()));
    }

    /// <summary>A one-page PDF with a filled text field and a combo box set to one of its options; the page itself is blank.</summary>
    public static byte[] FormPdf(string textValue, string choice) => RawPdf.Build(
        $"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 5 0 R] /NeedAppearances true >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [4 0 R 5 0 R] >>",
        $"<< /Type /Annot /Subtype /Widget /FT /Tx /T (organisation) /V ({textValue}) /Rect [50 700 300 720] /P 3 0 R >>",
        $"<< /Type /Annot /Subtype /Widget /FT /Ch /Ff 131072 /T (country) /Opt [(Italia) ({choice}) (Suomi)] /V ({choice}) /Rect [50 650 300 670] /P 3 0 R >>");

    /// <summary>
    /// A Word document with a word in each place Word keeps text: body, header, footer, footnote,
    /// endnote, comment and text box; plus a tracked insertion and a tracked deletion.
    /// </summary>
    public static byte[] DocxInEveryPart(string body, string header, string footer, string footnote, string endnote, string comment,
        string textBox, string inserted, string deleted)
    {
        static Paragraph P(string text) => new(new Run(new Text(text)));
        return Documents.WordDocument(main =>
        {
            var headerPart = main.AddNewPart<HeaderPart>();
            headerPart.Header = new Header(P(header));
            var footerPart = main.AddNewPart<FooterPart>();
            footerPart.Footer = new Footer(P(footer));
            main.AddNewPart<FootnotesPart>().Footnotes = new Footnotes(new Footnote(P(footnote)) { Id = 1 });
            main.AddNewPart<EndnotesPart>().Endnotes = new Endnotes(new Endnote(P(endnote)) { Id = 1 });
            main.AddNewPart<WordprocessingCommentsPart>().Comments = new Comments(new Comment(P(comment)) { Id = "0", Author = "Editor", Initials = "E" });
            main.Document = new Document(new Body(
                P(body),
                new Paragraph(
                    new InsertedRun(new Run(new Text(inserted))) { Id = "1", Author = "Editor" },
                    new DeletedRun(new Run(new DeletedText(deleted))) { Id = "2", Author = "Editor" }),
                new Paragraph(new Run(new Picture(new V.Shape(new V.TextBox(new TextBoxContent(P(textBox)))) { Id = "box", Style = "width:200pt;height:40pt" }))),
                new Paragraph(new Run(new FootnoteReference { Id = 1 }), new Run(new EndnoteReference { Id = 1 })),
                new SectionProperties(
                    new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(headerPart) },
                    new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footerPart) })));
        });
    }

    /// <summary>
    /// An OpenDocument text with a word in the body, a footnote, a comment (whose author is not
    /// text), a frame's text box, the master page's header and footer; and a tracked deletion.
    /// </summary>
    public static byte[] OdtInEveryPart(string body, string note, string comment, string author, string textBox, string header, string footer, string deleted) =>
        OfficeParts.Odt(
            $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
              xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">
              <office:body><office:text>
                <text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>{deleted}</text:p></text:deletion></text:changed-region></text:tracked-changes>
                <text:p>{body}<text:change text:change-id="c1"/><text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>{note}</text:p></text:note-body></text:note></text:p>
                <text:p><office:annotation><dc:creator>{author}</dc:creator><dc:date>2015-06-01T10:00:00</dc:date><text:p>{comment}</text:p></office:annotation>Testo</text:p>
                <text:p><draw:frame><draw:text-box><text:p>{textBox}</text:p></draw:text-box></draw:frame></text:p>
              </office:text></office:body>
            </office:document-content>
            """,
            $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
              xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
              <office:styles><style:style style:name="Standard" style:family="paragraph"/></office:styles>
              <office:master-styles><style:master-page style:name="Standard">
                <style:header><text:p>{header}</text:p></style:header>
                <style:footer><text:p>{footer}</text:p></style:footer>
              </style:master-page></office:master-styles>
            </office:document-styles>
            """);

    /// <summary>An OpenDocument text whose content is encrypted, as its manifest says (the content itself is not looked at).</summary>
    public static byte[] EncryptedOdt() => OfficeParts.Odt(
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>",
        manifestEntries: """<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data>""");

    public static byte[] CorpusFile(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", name));
}
