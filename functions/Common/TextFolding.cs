using System.Text;

namespace Exchange.Common;

/// <summary>
/// Case- and accent-folding for ids and search ("Città" → "citta"). Text is first brought to
/// Unicode's compatibility form (<see cref="Nfkc"/>), so ligatures, full-width and other
/// compatibility characters fold like the plain letters they stand for ("Auﬂage" → "auflage").
/// The app runs with invariant globalization (no ICU, faster start), so the Latin letters of
/// the partners' languages are mapped here rather than through Unicode decomposition.
/// </summary>
public static class TextFolding
{
    private static readonly Dictionary<char, string> Map = Build();

    public static string Fold(string text)
    {
        text = Nfkc.Normalize(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            if (lower < 128)
            {
                builder.Append(lower);
            }
            else if (Map.TryGetValue(lower, out var plain))
            {
                builder.Append(plain);
            }
            else if (IsFoldedMark(lower))
            {
                // Combining accents, and the vowel and cantillation marks of Hebrew and Arabic,
                // which readers usually leave out: drop them, as the precomposed forms' accents are.
            }
            else
            {
                builder.Append(lower);
            }
        }
        return builder.ToString();
    }

    private static bool IsFoldedMark(char c) =>
        c is (>= '\u0300' and <= '\u036f') or (>= '\u1ab0' and <= '\u1aff') or (>= '\u1dc0' and <= '\u1dff') or (>= '\u20d0' and <= '\u20ff') or (>= '\ufe20' and <= '\ufe2f')
        || (c is >= '\u0483' and <= '\u06ff' && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark);

    /// <summary>
    /// Plain ASCII with the case kept: accented letters lose their accents ("Città" → "Citta"),
    /// dashes become hyphens, and any other non-ASCII character becomes <paramref name="other"/>.
    /// </summary>
    public static string ToAscii(string text, char other)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            if (c < 128)
            {
                builder.Append(c);
            }
            else if (char.IsLowSurrogate(c))
            {
                // The high surrogate before it already stood for the whole character.
            }
            else if (Map.TryGetValue(lower, out var plain))
            {
                builder.Append(c == lower ? plain : plain.ToUpperInvariant());
            }
            else
            {
                builder.Append(char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.DashPunctuation ? '-' : other);
            }
        }
        return builder.ToString();
    }

    /// <summary>The runs of letters and digits in already folded text: the words that search indexes hold.</summary>
    public static IEnumerable<string> Words(string folded)
    {
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWordChar = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }

    /// <summary>Lower-case ASCII words joined by hyphens, for readable ids.</summary>
    public static string Slug(string text, int maxLength)
    {
        var folded = Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        var slug = string.Join('-', builder.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > maxLength ? slug[..maxLength].TrimEnd('-') : slug;
    }

    private static Dictionary<char, string> Build()
    {
        var pairs = new (string Letters, string Plain)[]
        {
            ("àáâãäåāăą", "a"), ("æ", "ae"), ("çćĉċč", "c"), ("ďđð", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĳ", "ij"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("œ", "oe"),
            ("ŕŗř", "r"), ("śŝşšș", "s"), ("ß", "ss"), ("ţťŧț", "t"), ("þ", "th"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        };
        var map = new Dictionary<char, string>();
        foreach (var (letters, plain) in pairs)
        {
            foreach (var letter in letters)
            {
                map[letter] = plain;
            }
        }
        return map;
    }
}
