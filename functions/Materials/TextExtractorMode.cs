using System.Globalization;
using System.Text;

namespace Exchange.Materials;

/// <summary>
/// The sandbox's side: the app's own executable started as
/// <c>Exchange.Functions --extract-text &lt;type&gt; &lt;file&gt; &lt;limits…&gt;</c>. It reads one local file,
/// writes the document's folded words to stdout (one a line, up to a cap) and exits. Program.cs
/// checks for it before anything of the web host is built, so the process starts in a fraction of
/// a second and holds nothing of the app: no settings, no storage clients, no secrets.
/// </summary>
public static class TextExtractorMode
{
    public const string Flag = "--extract-text";

    /// <summary>Exit codes of a reader that stopped on purpose; any other non-zero code is a crash.</summary>
    public static readonly IReadOnlyDictionary<TextFailure, int> ExitCodes = new Dictionary<TextFailure, int>
    {
        [TextFailure.Damaged] = 10,
        [TextFailure.TooLarge] = 11,
        [TextFailure.PasswordProtected] = 12,
        [TextFailure.TooComplex] = 14,
    };

    public const int BadArguments = 2;

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Flag;

    public static IReadOnlyList<string> Arguments(FileType type, string path, ReadingLimits limits, int maxWordCharacters) =>
    [
        Flag, type.Id, path, Number(limits.MaxCharacters), Number(limits.MaxRunCharacters), Number(limits.MaxPartBytes), Number(limits.MaxDepth), Number(maxWordCharacters),
    ];

    public static int Run(string[] args)
    {
        if (args is not [Flag, var typeId, var path, var characters, var run, var partBytes, var depth, var wordCharacters]
            || FileTypes.Find(typeId) is not { } type
            || !int.TryParse(characters, CultureInfo.InvariantCulture, out var maxCharacters)
            || !int.TryParse(run, CultureInfo.InvariantCulture, out var maxRun)
            || !long.TryParse(partBytes, CultureInfo.InvariantCulture, out var maxPart)
            || !int.TryParse(depth, CultureInfo.InvariantCulture, out var maxDepth)
            || !int.TryParse(wordCharacters, CultureInfo.InvariantCulture, out var maxWords))
        {
            Console.Error.WriteLine($"Usage: {Flag} <pdf|docx|odt> <file> <max characters> <max run> <max part bytes> <max depth> <max word characters>");
            return BadArguments;
        }
        try
        {
            string text;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.RandomAccess))
            {
                text = DocumentText.Extract(type, file, new ReadingLimits(maxCharacters, maxRun, maxPart, maxDepth));
            }
            var words = WordSet.FromDocument(text, maxWords);
            using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024);
            foreach (var word in words.Words)
            {
                output.Write(word);
                output.Write('\n');
            }
            return 0;
        }
        catch (UnreadableDocumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes[ex.Reason];
        }
        catch (OutOfMemoryException)
        {
            Console.Error.WriteLine("The document needs more memory than the reader may use.");
            return ExitCodes[TextFailure.TooLarge];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"The file could not be opened: {ex.Message}");
            return BadArguments;
        }
        catch (Exception ex)
        {
            // Any other parser failure: the file is not what its type promises.
            Console.Error.WriteLine($"{ex.GetType().Name}: {ex.Message}");
            return ExitCodes[TextFailure.Damaged];
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
