using System.IO.Compression;
using Exchange.Materials;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Unit;

/// <summary>
/// The reader, in this process: only with benign files, or hostile ones whose harm the reading
/// limits bound. Files that defeat the parsers themselves go through the sandbox (see <see cref="TextSandboxTests"/>).
/// </summary>
public sealed class DocumentTextTests
{
    private static readonly ReadingLimits Limits = new(100_000, 10_000, 16L * 1024 * 1024, 256);

    private static string Extract(FileType type, byte[] bytes, ReadingLimits? limits = null) =>
        DocumentText.Extract(type, new MemoryStream(bytes), limits ?? Limits);

    private static IReadOnlyList<string> Words(FileType type, byte[] bytes) => WordSet.FromDocument(Extract(type, bytes), 300_000).Words;

    private static TextFailure Failure(FileType type, byte[] bytes, ReadingLimits? limits = null) =>
        Assert.Throws<UnreadableDocumentException>(() => Extract(type, bytes, limits)).Reason;

    [Fact]
    public void Text_is_read_from_PDF_Word_and_OpenDocument_files()
    {
        Assert.Contains("mediazione familiare", Extract(FileTypes.Pdf, Documents.Pdf("La mediazione familiare", "in Italia")), StringComparison.Ordinal);
        Assert.Contains("Family mediation", Extract(FileTypes.Docx, Documents.Docx("Family mediation", "in Norway")), StringComparison.Ordinal);
        Assert.Contains("Familiemekling", Extract(FileTypes.Odt, Documents.Odt("Familiemekling", "i Norge")), StringComparison.Ordinal);
    }

    [Fact]
    public void Extraction_stops_at_the_cap()
    {
        var paragraphs = Enumerable.Range(0, 2000).Select(i => $"Paragraph number {i} about parents and children.").ToArray();
        Assert.Equal(1000, Extract(FileTypes.Docx, Documents.Docx(paragraphs), Limits with { MaxCharacters = 1000 }).Length);
    }

    [Fact]
    public void Words_placed_by_glyph_positions_are_separated_without_space_characters()
    {
        var words = Words(FileTypes.Pdf, TextDocuments.PositionedPdf("essential", "oils", "mosquito", "repellents"));
        Assert.Equal(["essential", "mosquito", "oils", "repellents"], words);
    }

    [Fact]
    public void Right_to_left_words_are_indexed_in_logical_order()
    {
        var words = Words(FileTypes.Pdf, TextDocuments.HebrewPdf());
        Assert.Contains("שלום", words);
        Assert.Contains("ozieri", words);
        Assert.DoesNotContain("םולש", words);
    }

    [Fact]
    public void The_values_of_filled_form_fields_are_read()
    {
        var words = Words(FileTypes.Pdf, TextDocuments.FormPdf("Familienzentrum Ozieri", "Norge"));
        Assert.Contains("familienzentrum", words);
        Assert.Contains("ozieri", words);
        Assert.Contains("norge", words);
        Assert.DoesNotContain("suomi", words); // an option not chosen
    }

    [Fact]
    public void Every_part_of_a_Word_document_is_read_and_deleted_text_is_not()
    {
        var words = Words(FileTypes.Docx, TextDocuments.DocxInEveryPart(
            "corpo", "intestazione", "fusszeile", "fotnote", "slutnote", "kommentti", "riquadro", "inserito", "cancellato"));
        Assert.Equal(["corpo", "fotnote", "fusszeile", "inserito", "intestazione", "kommentti", "riquadro", "slutnote"], words);
    }

    [Fact]
    public void OpenDocument_headers_footers_notes_comments_and_frames_are_read_and_deleted_text_is_not()
    {
        var words = Words(FileTypes.Odt, TextDocuments.OdtInEveryPart("corpo", "nota", "commento", "autrice", "riquadro", "intestazione", "pie", "cancellato"));
        Assert.Equal(["commento", "corpo", "intestazione", "nota", "pie", "riquadro", "testo"], words);
    }

    [Fact]
    public void An_encrypted_OpenDocument_file_or_PDF_is_password_protected()
    {
        Assert.Equal(TextFailure.PasswordProtected, Failure(FileTypes.Odt, TextDocuments.EncryptedOdt()));
        Assert.Equal(TextFailure.PasswordProtected, Failure(FileTypes.Pdf, TextDocuments.CorpusFile("libreoffice-writer-password.pdf")));
        Assert.Equal(TextFailure.PasswordProtected, Failure(FileTypes.Docx, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[512]]));
    }

    [Fact]
    public void A_document_type_declaration_is_refused_so_no_external_entity_is_ever_resolved()
    {
        Assert.Equal(TextFailure.Damaged, Failure(FileTypes.Docx, HostileDocuments.XxeDocx()));
        Assert.Equal(TextFailure.Damaged, Failure(FileTypes.Odt, HostileDocuments.XxeOdt()));
    }

    [Fact]
    public void A_part_is_refused_once_it_inflates_past_the_limit_while_it_is_read()
    {
        var bomb = HostileDocuments.ZipBombDocx(runBytes: 8L * 1024 * 1024);
        Assert.True(bomb.Length < 64 * 1024);
        Assert.Equal(TextFailure.TooLarge, Failure(FileTypes.Docx, bomb, Limits with { MaxPartBytes = 1024 * 1024 }));
    }

    [Fact]
    public void A_long_run_is_cut_at_the_run_limit_and_the_text_after_it_is_still_read()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            OfficeParts.AddPackageParts(zip);
            OfficeParts.Add(zip, "word/document.xml", $"""
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
                <w:p><w:r><w:t>{new string('a', 50_000)}</w:t></w:r></w:p><w:p><w:r><w:t>dopo</w:t></w:r></w:p></w:body></w:document>
                """);
        }
        var text = Extract(FileTypes.Docx, buffer.ToArray());
        Assert.Equal(Limits.MaxRunCharacters, text.TakeWhile(c => c == 'a').Count());
        Assert.EndsWith("dopo\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_too_complex()
    {
        var nested = string.Concat(Enumerable.Repeat("<w:sdt><w:sdtContent>", 200)) + string.Concat(Enumerable.Repeat("</w:sdtContent></w:sdt>", 200));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            OfficeParts.AddPackageParts(zip);
            OfficeParts.Add(zip, "word/document.xml", $"""<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{nested}</w:body></w:document>""");
        }
        Assert.Equal(TextFailure.TooComplex, Failure(FileTypes.Docx, buffer.ToArray()));
    }

    [Fact]
    public void A_PDF_stream_that_inflates_past_the_limit_is_refused_before_it_is_inflated_in_memory()
    {
        var bomb = HostileDocuments.DecompressionBombPdf(inflatedBytes: 32L * 1024 * 1024);
        Assert.Equal(TextFailure.TooLarge, Failure(FileTypes.Pdf, bomb, Limits with { MaxPartBytes = 1024 * 1024 }));
    }

    [Theory]
    [InlineData("ArabicCIDTrueType.pdf", "العربية الخطوط")]
    [InlineData("habibi.pdf", "حبيبي habibi")]
    [InlineData("copy_paste_ligatures.pdf", "abcdeffffiflffifflststghijklmno")]
    [InlineData("issue17215.pdf", "dummy")]
    [InlineData("comments-rich-para.docx", "worthy hyperlink embedded")]
    [InlineData("hdr-header-footer.docx", "header footer section")]
    [InlineData("libre-office-writer-source.odt", "lorem ipsum takimata")]
    public void Words_of_real_world_documents_are_found(string file, string expected)
    {
        var type = FileTypes.Find(Path.GetExtension(file)[1..])!;
        var words = WordSet.From(Words(type, TextDocuments.CorpusFile(file)));
        foreach (var word in WordSet.Of(expected).Words)
        {
            Assert.True(words.ContainsPrefix(word), $"{file}: no {word} in {string.Join(' ', words.Words)}");
        }
    }
}
