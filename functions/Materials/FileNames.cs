using System.Globalization;
using System.Text;
using Exchange.Common;

namespace Exchange.Materials;

/// <summary>
/// The names files are offered under. An uploaded name is only a suggestion for display and
/// download: path parts, control and invisible characters (bidi overrides, zero-width marks)
/// are dropped, and the extension always matches the type the content was found to be.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 150;
    private const string Reserved = "<>:\"/\\|?*";
    private static readonly HashSet<string> WindowsDevices = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Neutralise(string? proposed, FileType type)
    {
        var name = proposed ?? "";
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        name = name[(lastSeparator + 1)..];

        var clean = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(name, i);
                if (category is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse))
                {
                    clean.Append(c).Append(name[i + 1]);
                }
                i++;
                continue;
            }
            clean.Append(CharUnicodeInfo.GetUnicodeCategory(c) switch
            {
                UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned => "",
                UnicodeCategory.SpaceSeparator => " ",
                _ when Reserved.Contains(c) => "_",
                _ => c.ToString(),
            });
        }

        var stem = string.Join(' ', clean.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        if (stem.EndsWith(type.Extension, StringComparison.OrdinalIgnoreCase))
        {
            stem = stem[..^type.Extension.Length].TrimEnd('.', ' ');
        }
        if (stem.Length == 0 || WindowsDevices.Contains(stem.Split('.')[0]))
        {
            stem = stem.Length == 0 ? "document" : "_" + stem;
        }
        var room = MaxLength - type.Extension.Length;
        if (stem.Length > room)
        {
            stem = stem[..room];
            if (char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }
        }
        return stem + type.Extension;
    }

    /// <summary>
    /// <c>attachment; filename="ascii"; filename*=UTF-8''percent-encoded</c> (RFC 6266 and 5987):
    /// browsers use the UTF-8 name, older clients the folded ASCII one. <c>inline</c> asks the
    /// browser to show the file itself (its PDF viewer) rather than save it.
    /// </summary>
    public static string ContentDisposition(string fileName, bool inline = false)
    {
        var ascii = TextFolding.ToAscii(fileName, '_').Replace('"', '_').Replace('\\', '_');
        return $"{(inline ? "inline" : "attachment")}; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
