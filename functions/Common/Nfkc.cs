using System.Globalization;
using System.Text;

namespace Exchange.Common;

/// <summary>
/// Unicode normalization form KC without ICU: under invariant globalization
/// <see cref="string.Normalize(NormalizationForm)"/> returns its input unchanged. Each character
/// is replaced by its NFKC form, then a following combining mark is composed with the character
/// before it, from tables generated from ICU (tools/generate-normalization-data.cs). Two
/// simplifications, harmless for search: a mark blocked by another mark is not composed across
/// it, and decomposed Hangul jamo are not composed into syllables.
/// </summary>
public static class Nfkc
{
    private static readonly Lazy<(Dictionary<int, string> Map, Dictionary<long, int> Compose)> Tables = new(Load);

    public static string Normalize(string text)
    {
        var plain = 0;
        while (plain < text.Length && text[plain] < '\u00a0')
        {
            plain++;
        }
        if (plain == text.Length)
        {
            return text;
        }
        var (map, compose) = Tables.Value;
        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, plain);
        var last = plain > 0 ? text[plain - 1] : -1;
        var lastStart = plain - 1;

        void Add(int value)
        {
            if (last >= 0 && compose.TryGetValue(((long)last << 21) | (uint)value, out var composed))
            {
                builder.Length = lastStart;
                value = composed;
            }
            else
            {
                lastStart = builder.Length;
            }
            if (value <= char.MaxValue)
            {
                builder.Append((char)value);
            }
            else
            {
                Span<char> pair = stackalloc char[2];
                new Rune(value).EncodeToUtf16(pair);
                builder.Append(pair);
            }
            last = value;
        }

        foreach (var rune in text.AsSpan(plain).EnumerateRunes())
        {
            if (map.TryGetValue(rune.Value, out var mapped))
            {
                foreach (var part in mapped.EnumerateRunes())
                {
                    Add(part.Value);
                }
            }
            else
            {
                Add(rune.Value);
            }
        }
        return builder.ToString();
    }

    private static (Dictionary<int, string>, Dictionary<long, int>) Load()
    {
        var map = new Dictionary<int, string>();
        var compose = new Dictionary<long, int>();
        using var stream = typeof(Nfkc).Assembly.GetManifestResourceStream("Exchange.NormalizationData.txt")
                           ?? throw new InvalidOperationException("The normalization tables are not in the assembly.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(' ');
            static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (fields[0] == "M")
            {
                map[Hex(fields[1])] = string.Concat(fields.Skip(2).Select(f => char.ConvertFromUtf32(Hex(f))));
            }
            else if (fields[0] == "C")
            {
                compose[((long)Hex(fields[1]) << 21) | (uint)Hex(fields[2])] = Hex(fields[3]);
            }
        }
        return (map, compose);
    }
}
