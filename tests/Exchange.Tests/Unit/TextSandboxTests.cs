using Exchange.Materials;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Unit;

/// <summary>
/// Hostile files through the sandbox, started from this test process as the app starts it:
/// the parsers may crash, overflow their stack or run out of memory; only the child goes down.
/// </summary>
public sealed class TextSandboxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exchange-sandbox-test").FullName;

    private static TextSandbox Sandbox(Action<MaterialsOptions>? configure = null)
    {
        var options = new MaterialsOptions();
        configure?.Invoke(options);
        return new TextSandbox(Options.Create(options), NullLogger<TextSandbox>.Instance);
    }

    private async Task<SandboxResult> ReadAsync(FileType type, byte[] file, TextSandbox? sandbox = null)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path, file);
        return await (sandbox ?? Sandbox()).ReadAsync(type, path, 300_000, CancellationToken.None);
    }

    [Fact]
    public async Task A_readable_file_gives_its_folded_words()
    {
        var result = await ReadAsync(FileTypes.Docx, Documents.Docx("Mediazione familiare nella Città"));
        Assert.Null(result.Failure);
        Assert.Equal(["citta", "familiare", "mediazione", "nella"], result.Words);
    }

    [Fact]
    public async Task A_PDF_whose_page_content_refers_to_itself_fails_in_the_child_alone()
    {
        var result = await ReadAsync(FileTypes.Pdf, HostileDocuments.SelfReferencingPdf());
        Assert.Equal(TextFailure.TooComplex, result.Failure); // the parser's endless recursion overflows the child's stack
        Assert.Empty(result.Words);
    }

    [Fact]
    public async Task A_PDF_nested_too_deep_is_too_complex()
    {
        var result = await ReadAsync(FileTypes.Pdf, HostileDocuments.DeeplyNestedPdf());
        Assert.Equal(TextFailure.TooComplex, result.Failure);
    }

    [Fact]
    public async Task A_decompression_bomb_in_a_PDF_stream_is_too_large()
    {
        var result = await ReadAsync(FileTypes.Pdf, HostileDocuments.DecompressionBombPdf());
        Assert.Equal(TextFailure.TooLarge, result.Failure);
    }

    [Fact]
    public async Task A_Word_file_whose_one_run_expands_past_a_gigabyte_is_too_large()
    {
        var path = Path.Combine(_folder, "bomb.docx");
        await using (var file = File.Create(path))
        {
            HostileDocuments.WriteZipBombDocx(file);
        }
        Assert.True(new FileInfo(path).Length < 4 * 1024 * 1024);
        var result = await Sandbox().ReadAsync(FileTypes.Docx, path, 300_000, CancellationToken.None);
        Assert.Equal(TextFailure.TooLarge, result.Failure);
    }

    [Fact]
    public async Task A_file_the_child_runs_out_of_memory_on_is_too_large()
    {
        // With inflation allowed, the one run is read in chunks and dropped past the run limit;
        // with a heap too small even to start, the child dies, and the cause is read from its last words.
        var result = await ReadAsync(FileTypes.Docx, Documents.Docx("Mediazione"), Sandbox(o => o.SandboxMemoryBytes = 1024 * 1024));
        Assert.Contains(result.Failure, new TextFailure?[] { TextFailure.TooLarge, TextFailure.TooComplex });
    }

    [Fact]
    public async Task A_reader_that_takes_too_long_is_killed_and_the_file_timed_out()
    {
        var result = await ReadAsync(FileTypes.Docx, Documents.Docx("Mediazione"), Sandbox(o => o.SandboxTimeout = TimeSpan.FromMilliseconds(1)));
        Assert.Equal(TextFailure.TimedOut, result.Failure);
    }

    [Fact]
    public async Task An_encrypted_file_is_password_protected_and_XXE_is_damaged()
    {
        Assert.Equal(TextFailure.PasswordProtected, (await ReadAsync(FileTypes.Pdf, TextDocuments.CorpusFile("libreoffice-writer-password.pdf"))).Failure);
        Assert.Equal(TextFailure.Damaged, (await ReadAsync(FileTypes.Docx, HostileDocuments.XxeDocx())).Failure);
        Assert.Equal(TextFailure.Damaged, (await ReadAsync(FileTypes.Odt, HostileDocuments.XxeOdt())).Failure);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
