using System.IO.Compression;
using System.Text;
using Exchange.Materials;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

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
    public async Task A_Word_file_needs_its_content_types_and_main_document_in_the_central_directory()
    {
        var docx = (await ZipDirectoryTests.NamesAsync(Documents.Docx("Ciao")))!;
        var other = (await ZipDirectoryTests.NamesAsync(Documents.Zip()))!;
        var odt = (await ZipDirectoryTests.NamesAsync(Documents.Odt("Ciao")))!;
        Assert.True(FileTypes.HasExpectedEntries(FileTypes.Docx, docx));
        Assert.False(FileTypes.HasExpectedEntries(FileTypes.Docx, other));
        Assert.True(FileTypes.HasExpectedEntries(FileTypes.Odt, odt));
        Assert.False(FileTypes.HasExpectedEntries(FileTypes.Odt, docx));
    }
}

public sealed class ZipDirectoryTests
{
    /// <summary>The names as the commit reads them: ranges of the stored file, counted.</summary>
    public static Task<IReadOnlyList<string>?> NamesAsync(byte[] file, List<(long Offset, int Length)>? reads = null) =>
        ZipDirectory.ReadNamesAsync((offset, length, _) =>
        {
            reads?.Add((offset, length));
            return Task.FromResult(file.AsSpan((int)offset, length).ToArray());
        }, file.Length, CancellationToken.None);

    [Fact]
    public async Task The_names_come_from_the_central_directory_in_two_ranged_reads()
    {
        var reads = new List<(long, int)>();
        var names = await NamesAsync(Documents.Odt("Ciao"), reads);

        Assert.Equal(["mimetype", "META-INF/manifest.xml", "content.xml"], names);
        Assert.Equal(2, reads.Count);
        using var zip = new ZipArchive(new MemoryStream(Documents.Docx("Ciao")));
        Assert.Equal(zip.Entries.Select(e => e.FullName), await NamesAsync(Documents.Docx("Ciao")));
    }

    [Fact]
    public async Task A_file_that_is_no_ZIP_or_is_cut_short_has_no_names()
    {
        var docx = Documents.Docx("Ciao");
        Assert.Null(await NamesAsync(Documents.Pdf("Ciao")));
        Assert.Null(await NamesAsync(docx[..^30]));
        Assert.Null(await NamesAsync(docx[..(docx.Length / 2)]));
        Assert.Null(await NamesAsync([]));
    }

    [Fact]
    public async Task A_directory_larger_than_the_cap_is_not_read()
    {
        var file = Documents.Docx("Ciao");
        // Claim a directory of 16 MB in the end record: refused before any read of it.
        var end = file.Length - 22;
        BitConverter.GetBytes(16 * 1024 * 1024).CopyTo(file, end + 12);
        var reads = new List<(long, int)>();

        Assert.Null(await NamesAsync(file, reads));
        Assert.Single(reads);
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
    public void A_file_to_read_in_the_browser_is_inline_with_the_same_names() =>
        Assert.Equal("inline; filename=\"Citta.pdf\"; filename*=UTF-8''Citt%C3%A0.pdf", FileNames.ContentDisposition("Città.pdf", inline: true));

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
        Assert.NotNull(MaterialRules.AddFile(material, File("en", "b0"), Now).Reason);

        material = MaterialRules.AddFile(material, File("it", "b1"), Now).OrThrow();
        material = MaterialRules.AddFile(material, File("en", "b2"), Now).OrThrow();
        Assert.Equal(1, material.FileIn("en")!.TranslatesRevision);
        Assert.False(material.IsOutOfDate(material.FileIn("en")!));

        material = MaterialRules.AddFile(material, File("it", "b3"), Now.AddDays(1)).OrThrow();
        Assert.Equal(2, material.FileIn("it")!.Revision);
        Assert.True(material.IsOutOfDate(material.FileIn("en")!));
        var replaced = Assert.Single(material.History);
        Assert.Equal(("b1", Now.AddDays(1)), (replaced.BlobName, replaced.ReplacedAt!.Value));
        Assert.Equal(["en", "it"], material.Files.Select(f => f.Language).ToArray());
    }

    [Fact]
    public void The_history_keeps_the_newest_replaced_files()
    {
        var material = MaterialRules.AddFile(New(), File("it", "b0"), Now).OrThrow();
        for (var i = 1; i <= MaterialRules.HistoryLimit + 5; i++)
        {
            material = MaterialRules.AddFile(material, File("it", $"b{i}"), Now).OrThrow();
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
        Assert.Null(MaterialRules.Edit(empty, english, Now).Reason);
        var withFile = MaterialRules.AddFile(empty, File("it", "b1"), Now).OrThrow();
        Assert.NotNull(MaterialRules.Edit(withFile, english, Now).Reason);
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

public sealed class CompoundFileTests
{
    private static Task<IReadOnlyList<string>?> NamesAsync(byte[] file, List<(long Offset, int Length)>? reads = null) =>
        CompoundFile.ReadNamesAsync((offset, length, _) =>
        {
            reads?.Add((offset, length));
            return Task.FromResult(file.AsSpan((int)offset, (int)Math.Min(length, file.Length - offset)).ToArray());
        }, file.Length, CancellationToken.None);

    [Theory]
    [InlineData("msoffcrypto-example-password.docx")]
    [InlineData("msoffcrypto-ecma376-standard-password.docx")]
    public async Task A_password_protected_Word_file_is_a_compound_file_holding_its_encrypted_package(string name)
    {
        var file = TextDocuments.CorpusFile(name);
        var reads = new List<(long, int)>();
        var names = await NamesAsync(file, reads);

        Assert.Same(FileTypes.Docx, FileTypes.Sniff(file));
        Assert.NotNull(names);
        Assert.True(CompoundFile.IsEncryptedPackage(names));
        Assert.True(reads.Count <= 6, $"{reads.Count} reads");
    }

    [Fact]
    public async Task A_legacy_Word_file_is_a_compound_file_without_an_encrypted_package()
    {
        var names = await NamesAsync(TextDocuments.CorpusFile("msoffcrypto-plain.doc"));
        Assert.NotNull(names);
        Assert.Contains("WordDocument", names);
        Assert.False(CompoundFile.IsEncryptedPackage(names));
    }

    [Fact]
    public async Task A_directory_chain_that_loops_or_points_past_the_end_is_read_no_further()
    {
        var file = TextDocuments.CorpusFile("msoffcrypto-example-password.docx");
        var directory = BitConverter.ToUInt32(file, 0x30);
        var fatSector = BitConverter.ToUInt32(file, 0x4C);
        var shift = BitConverter.ToUInt16(file, 0x1E);

        // The directory sector's FAT entry points back to itself.
        var looping = (byte[])file.Clone();
        BitConverter.GetBytes(directory).CopyTo(looping, (int)(((long)fatSector + 1) << shift) + (int)directory * 4);
        var reads = new List<(long, int)>();
        Assert.Null(await NamesAsync(looping, reads));
        Assert.True(reads.Count <= CompoundFile.MaxDirectorySectors + 2, $"{reads.Count} reads");

        var pastTheEnd = (byte[])file.Clone();
        BitConverter.GetBytes(0x00FFFFFFu).CopyTo(pastTheEnd, 0x30);
        Assert.Null(await NamesAsync(pastTheEnd));
        Assert.Null(await NamesAsync(file[..1024]));
        Assert.Null(await NamesAsync(file[..4096]));
    }
}
