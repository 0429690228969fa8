using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace Exchange.Common;

/// <summary>
/// The server's words in one language (mails, controlled vocabularies), from
/// <c>functions/Common/Texts/{code}.json</c>. A key the language lacks falls back to English, so a
/// late text shows in English rather than not at all; a test keeps every catalogue complete.
/// Placeholders are named: <c>{host}</c>.
/// </summary>
public sealed class TextCatalogue
{
    private readonly FrozenDictionary<string, string> _texts;
    private readonly TextCatalogue? _fallback;

    internal TextCatalogue(string language, FrozenDictionary<string, string> texts, TextCatalogue? fallback)
    {
        Language = language;
        _texts = texts;
        _fallback = fallback;
    }

    public string Language { get; }

    public IEnumerable<string> Keys => _texts.Keys;

    public bool Has(string key) => _texts.ContainsKey(key);

    public string this[string key] =>
        _texts.TryGetValue(key, out var text) ? text : _fallback?[key] ?? throw new KeyNotFoundException($"No text '{key}'.");

    /// <summary>The text with each <c>{name}</c> replaced by its value; unknown names stay as written.</summary>
    public string Format(string key, params (string Name, object? Value)[] values)
    {
        var text = this[key];
        if (values.Length == 0 || !text.Contains('{'))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            var close = open < 0 ? -1 : text.IndexOf('}', open);
            if (close < 0)
            {
                builder.Append(text, i, text.Length - i);
                break;
            }
            builder.Append(text, i, open - i);
            var name = text.AsSpan(open + 1, close - open - 1);
            var found = false;
            foreach (var (n, value) in values)
            {
                if (name.SequenceEqual(n))
                {
                    builder.Append(value);
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                builder.Append(text, open, close - open + 1);
            }
            i = close + 1;
        }
        return builder.ToString();
    }

    /// <summary>A date as the language writes it in running text ("30 March 2026", "30. März 2026").</summary>
    public string Date(DateOnly date) =>
        Format("date.long", ("day", date.Day), ("month", this["date.months"].Split(',')[date.Month - 1].Trim()), ("year", date.Year));
}

/// <summary>The server catalogues of every supported language, loaded once.</summary>
public static class Texts
{
    private static readonly Dictionary<string, TextCatalogue> Catalogues = Load();

    public static TextCatalogue English => Catalogues[SupportedLanguages.Default];

    /// <summary>The catalogue of a language code or tag, or English.</summary>
    public static TextCatalogue For(string? language) => Catalogues[SupportedLanguages.Resolve(language)];

    /// <summary>Each supported language's catalogue as written, without the English fallback (for completeness checks).</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Raw()
    {
        var raw = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var language in SupportedLanguages.All)
        {
            raw[language.Code] = Read(language.Code) ?? new Dictionary<string, string>();
        }
        return raw;
    }

    private static Dictionary<string, TextCatalogue> Load()
    {
        var english = new TextCatalogue(SupportedLanguages.Default,
            (Read(SupportedLanguages.Default) ?? throw new InvalidOperationException("The English server texts are missing.")).ToFrozenDictionary(StringComparer.Ordinal), null);
        var catalogues = new Dictionary<string, TextCatalogue>(StringComparer.Ordinal) { [english.Language] = english };
        foreach (var language in SupportedLanguages.All.Where(l => l.Code != english.Language))
        {
            catalogues[language.Code] = new TextCatalogue(language.Code,
                (Read(language.Code) ?? new Dictionary<string, string>()).ToFrozenDictionary(StringComparer.Ordinal), english);
        }
        return catalogues;
    }

    private static Dictionary<string, string>? Read(string code)
    {
        using var stream = typeof(Texts).Assembly.GetManifestResourceStream($"Exchange.Texts.{code}.json");
        return stream is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(stream);
    }
}
