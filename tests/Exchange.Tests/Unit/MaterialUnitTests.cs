using System.IO.Compression;
using System.Text;
using Exchange.Materials;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Exchange.Tests.Unit;

public sealed class FileTypeTests
{
    [Fact]
    public void The_type_is_read_from_the_first_bytes()
    {
        Assert.Same(FileTypes.Pdf, FileTypes.Sniff(Documents.Pdf("Ciao")));
        Assert.Same(FileTypes.Odt, FileTypes.Sniff(Documents.Odt("Ciao")));
        Assert.Same(FileTypes.Docx, FileTypes.Sniff(Documents.Docx("Ciao")));
        Assert.Null(FileTypes.Sniff(Documents.Executable()));
        Assert.Null(FileTypes.Sniff("MZ\x90\0"u8));
        Assert.Null(FileTypes.Sniff("%PD"u8));
        Assert.Null(FileTypes.Sniff([]));
    }

    [Fact]
    public void An_OpenDocument_of_another_kind_is_not_taken_for_a_text()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open());
            writer.Write("application/vnd.oasis.opendocument.spreadsheet");
        }
        Assert.Null(FileTypes.Sniff(buffer.ToArray()));
    }

    [Fact]
    public void A_Word_file_needs_its_content_types_and_main_document_in_the_central_directory()
    {
        using var docx = new ZipArchive(new MemoryStream(Documents.Docx("Ciao")));
        using var other = new ZipArchive(new MemoryStream(Documents.Zip()));
        using var odt = new ZipArchive(new MemoryStream(Documents.Odt("Ciao")));
        Assert.True(FileTypes.HasExpectedEntries(FileTypes.Docx, docx));
        Assert.False(FileTypes.HasExpectedEntries(FileTypes.Docx, other));
        Assert.True(FileTypes.HasExpectedEntries(FileTypes.Odt, odt));
        Assert.False(FileTypes.HasExpectedEntries(FileTypes.Odt, docx));
    }
}

public sealed class FileNameTests
{
    [Theory]
    [InlineData("Relazione.pdf", "Relazione.pdf")]
    [InlineData("/var/www/../../x.pdf", "x.pdf")]
    [InlineData("a\\b\\c.PDF", "c.pdf")]
    [InlineData("report\u202Etxt.exe", "reporttxt.exe.pdf")]
    [InlineData("\u2066isolated\u2069 name\uFEFF", "isolated name.pdf")]
    [InlineData("tab\there", "tabhere.pdf")]
    [InlineData("what?*<>|\".pdf", "what______.pdf")]
    [InlineData("CON", "_CON.pdf")]
    [InlineData("nul.txt", "_nul.txt.pdf")]
    [InlineData("....", "document.pdf")]
    [InlineData("Città – relazione \U0001F4C4.pdf", "Città – relazione \U0001F4C4.pdf")]
    [InlineData("spaces\u00A0\u2003between", "spaces between.pdf")]
    public void Names_keep_what_a_person_wrote_and_lose_what_could_mislead(string proposed, string expected) =>
        Assert.Equal(expected, FileNames.Neutralise(proposed, FileTypes.Pdf));

    [Fact]
    public void A_long_name_is_cut_but_keeps_its_extension_and_whole_characters()
    {
        var name = FileNames.Neutralise(new string('a', 145) + "\U0001F4C4\U0001F4C4.docx", FileTypes.Docx);
        Assert.True(name.Length <= FileNames.MaxLength);
        Assert.EndsWith(".docx", name, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(name[^6]));
    }

    [Fact]
    public void The_download_header_carries_an_ASCII_name_and_the_UTF8_name()
    {
        Assert.Equal("attachment; filename=\"Sostegno alla genitorialita.pdf\"; filename*=UTF-8''Sostegno%20alla%20genitorialit%C3%A0.pdf",
            FileNames.ContentDisposition("Sostegno alla genitorialità.pdf"));
        Assert.Equal("attachment; filename=\"a_b_ _.pdf\"; filename*=UTF-8''a%22b%5C%20%F0%9F%93%84.pdf", FileNames.ContentDisposition("a\"b\\ \U0001F4C4.pdf"));
    }
}

public sealed class WordSetTests
{
    [Fact]
    public void Words_are_folded_and_matched_as_prefixes()
    {
        var words = WordSet.Of("Centro per la famiglia della Città", "Mediazione");
        Assert.True(words.ContainsPrefix("citta"));
        Assert.True(words.ContainsPrefix("cit"));
        Assert.True(words.ContainsPrefix("mediazione"));
        Assert.False(words.ContainsPrefix("mediazioni"));
        Assert.True(words.ContainsAll(["fam", "centro"]));
        Assert.False(words.ContainsAll(["fam", "scuola"]));
    }

    [Fact]
    public void A_document_keeps_its_first_words_up_to_the_cap()
    {
        var words = WordSet.FromDocument("alpha beta gamma alpha delta", 15);
        Assert.Equal(["alpha", "beta"], words.Words);
    }
}

public sealed class ByteRangeTests
{
    private static readonly EntityTagHeaderValue Etag = new("\"abc\"");

    private static ByteRange? Requested(string range, string? ifRange = null, long size = 1000)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Range = range;
        if (ifRange is not null)
        {
            context.Request.Headers.IfRange = ifRange;
        }
        return ByteRange.Requested(context.Request.GetTypedHeaders(), Etag, size);
    }

    [Fact]
    public void A_single_range_is_resolved_against_the_file_size()
    {
        Assert.Equal(new ByteRange(10, 10, true), Requested("bytes=10-19"));
        Assert.Equal(new ByteRange(990, 10, true), Requested("bytes=990-5000"));
        Assert.Equal(new ByteRange(900, 100, true), Requested("bytes=-100"));
        Assert.Equal(new ByteRange(0, 1000, true), Requested("bytes=-5000"));
        Assert.Equal(new ByteRange(500, 500, true), Requested("bytes=500-"));
        Assert.Equal(new ByteRange(0, 10, true), Requested("bytes=0-9", "\"abc\""));
    }

    [Fact]
    public void Unsatisfiable_ranges_are_flagged_and_anything_else_means_the_whole_file()
    {
        Assert.False(Requested("bytes=1000-")!.Value.Satisfiable);
        Assert.False(Requested("bytes=-0")!.Value.Satisfiable);
        Assert.Null(Requested("bytes=0-1,5-6"));
        Assert.Null(Requested("items=0-1"));
        Assert.Null(Requested("bytes=9-2"));
        Assert.Null(Requested("nonsense"));
        Assert.Null(Requested("bytes=0-9", "\"other\""));
        Assert.Null(Requested("bytes=0-9", "W/\"abc\""));
        Assert.Null(Requested("bytes=0-9", "Sat, 01 Jan 2000 00:00:00 GMT"));
    }
}

public sealed class MaterialRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static Material New(string language = "it") =>
        MaterialRules.Create("it-ozieri.abc", "it-ozieri", new MaterialFacts(language, new Dictionary<string, string> { [language] = "Titolo" }, "Descrizione",
            "case-study", 2015, "CC-BY-4.0", []), Now);

    private static MaterialFile File(string language, string blob) =>
        new(language, 0, null, "f.pdf", "pdf", "application/pdf", 10, "00", blob, Now, "editor@example.org", null);

    [Fact]
    public void A_translation_follows_a_revision_of_the_original_and_is_out_of_date_when_the_original_is_replaced()
    {
        var material = New();
        Assert.NotNull(MaterialRules.AddFile(material, File("en", "b0"), Now).Error);

        material = MaterialRules.AddFile(material, File("it", "b1"), Now).Material!;
        material = MaterialRules.AddFile(material, File("en", "b2"), Now).Material!;
        Assert.Equal(1, material.FileIn("en")!.TranslatesRevision);
        Assert.False(material.IsOutOfDate(material.FileIn("en")!));

        material = MaterialRules.AddFile(material, File("it", "b3"), Now.AddDays(1)).Material!;
        Assert.Equal(2, material.FileIn("it")!.Revision);
        Assert.True(material.IsOutOfDate(material.FileIn("en")!));
        var replaced = Assert.Single(material.History);
        Assert.Equal(("b1", Now.AddDays(1)), (replaced.BlobName, replaced.ReplacedAt!.Value));
        Assert.Equal(["en", "it"], material.Files.Select(f => f.Language).ToArray());
    }

    [Fact]
    public void The_history_keeps_the_newest_replaced_files()
    {
        var material = MaterialRules.AddFile(New(), File("it", "b0"), Now).Material!;
        for (var i = 1; i <= MaterialRules.HistoryLimit + 5; i++)
        {
            material = MaterialRules.AddFile(material, File("it", $"b{i}"), Now).Material!;
        }
        Assert.Equal(MaterialRules.HistoryLimit, material.History.Count);
        Assert.Equal($"b{MaterialRules.HistoryLimit + 4}", material.History[^1].BlobName);
        Assert.Equal(MaterialRules.HistoryLimit + 6, material.FileIn("it")!.Revision);
    }

    [Fact]
    public void The_original_language_cannot_change_once_files_exist()
    {
        var empty = New();
        var english = empty.Facts with { Language = "en", Titles = new Dictionary<string, string> { ["en"] = "Title" } };
        Assert.Null(MaterialRules.Edit(empty, english, Now).Error);
        var withFile = MaterialRules.AddFile(empty, File("it", "b1"), Now).Material!;
        Assert.NotNull(MaterialRules.Edit(withFile, english, Now).Error);
    }
}

public sealed class VisitorLanguageTests
{
    [Theory]
    [InlineData(null, "it-IT,it;q=0.9,en;q=0.8", "it,en")]
    [InlineData("sv", "it-IT,en;q=0.8", "sv,it,en")]
    [InlineData(null, "en;q=0.2,de;q=0.9,fr;q=0", "de,en")]
    [InlineData(null, "nb-NO", "nb,no")]
    [InlineData("xx", "*", "")]
    public void The_site_choice_comes_first_then_the_browser_languages_by_quality(string? lang, string acceptLanguage, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = lang is null ? QueryString.Empty : QueryString.Create("lang", lang);
        context.Request.Headers.AcceptLanguage = acceptLanguage;
        Assert.Equal(expected, string.Join(',', MaterialsApi.VisitorLanguages(context.Request)));
    }
}

public sealed class ForwardOnlyBodyTests
{
    private static readonly byte[] Head = "%PDF-1.7\n"u8.ToArray();

    [Fact]
    public async Task It_gives_the_first_block_then_the_rest_up_to_the_declared_length_hashing_every_byte()
    {
        var rest = Encoding.ASCII.GetBytes("rest of the file");
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        await using var body = new ForwardOnlyBody(Head, Head.Length, new MemoryStream(rest), Head.Length + rest.Length, hash);
        using var copy = new MemoryStream();

        Assert.Equal(0, body.Seek(0, SeekOrigin.Begin));
        await body.CopyToAsync(copy);

        Assert.Equal(Head.Concat(rest).ToArray(), copy.ToArray());
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(copy.ToArray()), hash.GetHashAndReset());
        Assert.Equal(body.Length, body.Position);
    }

    [Fact]
    public async Task A_body_that_ends_early_fails_and_a_retry_cannot_rewind_it()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        await using var body = new ForwardOnlyBody(Head, Head.Length, new MemoryStream("short"u8.ToArray()), 1000, hash);

        await Assert.ThrowsAsync<IOException>(() => body.CopyToAsync(Stream.Null));
        Assert.Throws<NotSupportedException>(() => body.Position = 0);
    }
}
