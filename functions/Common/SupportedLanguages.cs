using System.Text.Json;

namespace Exchange.Common;

/// <summary>
/// A language the product speaks: its ISO 639-1 code, its own name for the picker, the locale the
/// site formats dates and numbers with, and the Snowball stemmer search uses for its texts (null
/// where Lucene has none).
/// </summary>
public sealed record SupportedLanguage(string Code, string Name, string Locale, string? Stemmer, IReadOnlyList<string>? Countries = null);

/// <summary>
/// The languages of the interface, the mails and the vocabularies, read from
/// <c>web/src/i18n/languages.json</c>: the one list the site, the API and the tests share, so a
/// new language is one entry there plus its catalogues.
/// </summary>
public static class SupportedLanguages
{
    public const string Default = "en";

    public static readonly IReadOnlyList<SupportedLanguage> All = Load();

    public static readonly IReadOnlyList<string> Codes = All.Select(l => l.Code).ToArray();

    private static readonly Dictionary<string, SupportedLanguage> ByCode = All.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);

    public static bool IsSupported(string? code) => code is not null && ByCode.ContainsKey(code.Trim());

    public static SupportedLanguage? Find(string? code) => code is not null && ByCode.TryGetValue(code.Trim(), out var language) ? language : null;

    /// <summary>The supported language a code or tag names ("de", "de-AT", "nb-NO"), or English.</summary>
    public static string Resolve(string? tag)
    {
        var primary = tag?.Trim().Split('-', '_')[0];
        return Find(primary)?.Code ?? Default;
    }

    /// <summary>The language an organisation in this country reads (ISO 3166-1 alpha-2), or English.</summary>
    public static string ForCountry(string? country) =>
        All.FirstOrDefault(l => l.Countries?.Contains(country?.Trim().ToUpperInvariant() ?? "", StringComparer.Ordinal) == true)?.Code ?? Default;

    private static SupportedLanguage[] Load()
    {
        using var stream = typeof(SupportedLanguages).Assembly.GetManifestResourceStream("Exchange.languages.json")
            ?? throw new InvalidOperationException("The language list is not embedded in the assembly.");
        return JsonSerializer.Deserialize<SupportedLanguage[]>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("The language list is empty.");
    }
}
