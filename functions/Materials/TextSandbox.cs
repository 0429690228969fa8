using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Exchange.Materials;

/// <summary>What the sandbox made of one file: its words, or why there are none.</summary>
public sealed record SandboxResult(IReadOnlyList<string> Words, TextFailure? Failure, string Detail)
{
    public static SandboxResult Failed(TextFailure failure, string detail) => new([], failure, detail);
}

/// <summary>
/// Reads documents in a child process, never in the app: the app's own executable in its
/// extractor mode (<see cref="TextExtractorMode"/>), with a hard limit on its managed heap
/// (<c>DOTNET_GCHeapHardLimit</c>), a wall-clock limit after which its process tree is killed, a cap
/// on what is read back from it, and none of the app's settings in its environment. A crash, a
/// stack overflow, running out of memory or time all end only the child, and come back as a
/// <see cref="TextFailure"/>.
/// </summary>
public sealed class TextSandbox(IOptions<MaterialsOptions> options, ILogger<TextSandbox> logger)
{
    private const int MaxErrorCharacters = 8 * 1024;

    /// <summary>The variables a .NET process needs to start; everything else of the app's environment stays out.</summary>
    private static readonly string[] KeptVariables = ["PATH", "HOME", "TMPDIR", "DOTNET_ROOT", "DOTNET_ROOT_X64"];

    public async Task<SandboxResult> ReadAsync(FileType type, string path, int maxWordCharacters, CancellationToken ct)
    {
        var o = options.Value;
        var start = Command();
        foreach (var argument in TextExtractorMode.Arguments(type, path, ReadingLimits.From(o), maxWordCharacters))
        {
            start.ArgumentList.Add(argument);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.WorkingDirectory = Path.GetTempPath();
        var inherited = KeptVariables.Select(k => (k, Value: start.Environment.TryGetValue(k, out var v) ? v : null)).ToList();
        start.Environment.Clear();
        foreach (var (key, value) in inherited.Where(p => p.Value is not null))
        {
            start.Environment[key] = value;
        }
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + o.SandboxMemoryBytes.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The text reader could not be started.");
        process.StandardInput.Close();
        var words = ReadWordsAsync(process.StandardOutput, maxWordCharacters);
        var errors = ReadCappedAsync(process.StandardError, MaxErrorCharacters);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(o.SandboxTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await Task.WhenAll(words, errors);
            ct.ThrowIfCancellationRequested();
            return SandboxResult.Failed(TextFailure.TimedOut, $"Reading took longer than {o.SandboxTimeout}.");
        }
        var (read, error) = (await words, await errors);
        var code = process.ExitCode;
        if (code == 0)
        {
            return new SandboxResult(read, null, "");
        }
        var known = TextExtractorMode.ExitCodes.FirstOrDefault(p => p.Value == code);
        if (known.Value == code)
        {
            return SandboxResult.Failed(known.Key, error.Trim());
        }
        logger.LogWarning("The text reader ended with exit code {ExitCode}: {Error}", code, error.Length > 500 ? error[..500] : error);
        // The runtime's last words tell a crash's cause: the heap limit, or a stack overflow
        // (usually endless recursion through a document that refers to itself).
        return error.Contains("OutOfMemory", StringComparison.Ordinal) || error.Contains("Out of memory", StringComparison.OrdinalIgnoreCase)
            ? SandboxResult.Failed(TextFailure.TooLarge, "The reader ran out of memory.")
            : SandboxResult.Failed(TextFailure.TooComplex, code == TextExtractorMode.BadArguments ? error.Trim() : $"The reader crashed (exit code {code}).");
    }

    /// <summary>
    /// The command that starts this app's executable in extractor mode: the published executable
    /// itself, or, when the app runs as a DLL under the dotnet host (a development build, the test
    /// host), the same host on the app's DLL.
    /// </summary>
    public static ProcessStartInfo Command()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var name = Path.GetFileNameWithoutExtension(process);
        var dll = Path.Combine(AppContext.BaseDirectory, "Exchange.Functions.dll");
        if (name == "Exchange.Functions")
        {
            return new ProcessStartInfo(process);
        }
        var start = new ProcessStartInfo(name == "dotnet" ? process : "dotnet");
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        return start;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }

    /// <summary>Reads the words, one a line, until their total length reaches the cap; what comes after is drained unread.</summary>
    private static async Task<IReadOnlyList<string>> ReadWordsAsync(StreamReader output, int maxCharacters)
    {
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await output.ReadAsync(buffer)) > 0)
        {
            var room = maxCharacters - text.Length;
            if (room > 0)
            {
                text.Append(buffer, 0, Math.Min(read, room));
            }
        }
        // The child is trusted no further than the cap: its words are folded and capped again here.
        return WordSet.FromDocument(text.ToString(), maxCharacters).Words;
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader, int maxCharacters)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (text.Length < maxCharacters)
            {
                text.Append(buffer, 0, Math.Min(read, maxCharacters - text.Length));
            }
        }
        return text.ToString();
    }
}
