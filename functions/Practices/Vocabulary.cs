using Exchange.Common;

namespace Exchange.Practices;

/// <summary>A term of a controlled vocabulary: its id and its label in every supported language (English and Italian also on their own, as before).</summary>
public sealed record Term(string Id, string En, string It, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The term with its labels from the server catalogues, under <c>{prefix}.{id}</c>.</summary>
    public static Term From(string prefix, string id)
    {
        var labels = SupportedLanguages.All.ToDictionary(l => l.Code, l => Texts.For(l.Code)[$"{prefix}.{id}"], StringComparer.Ordinal);
        return new Term(id, labels["en"], labels["it"], labels);
    }

    public string LabelIn(string? language) => Labels.GetValueOrDefault(SupportedLanguages.Resolve(language)) ?? En;
}

/// <summary>A licence a material can carry: its SPDX id, its name, and where its text is.</summary>
public sealed record Licence(string Id, string Name, Uri Url);

public sealed record Vocabularies(IReadOnlyList<Term> Fields, IReadOnlyList<Term> TargetGroups, IReadOnlySet<string> Languages, IReadOnlyList<Licence> Licences);

/// <summary>The controlled vocabularies of the practice template, labelled in every supported language.</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<Term> Fields =
    [
        Term.From("field", "motherhood-fatherhood-support"),
        Term.From("field", "work-life-balance"),
        Term.From("field", "leisure-sport-free-time"),
        Term.From("field", "training-education"),
        Term.From("field", "family-mediation"),
        Term.From("field", "home-educational-support"),
        Term.From("field", "parent-child-groups"),
        Term.From("field", "community-networks"),
        Term.From("field", "multi-problem-families"),
        Term.From("field", "placement-prevention"),
        Term.From("field", "orientation-information"),
    ];

    public static readonly IReadOnlyList<Term> TargetGroups =
    [
        Term.From("targetGroup", "children-0-6"),
        Term.From("targetGroup", "children"),
        Term.From("targetGroup", "teenagers"),
        Term.From("targetGroup", "parents"),
        Term.From("targetGroup", "expectant-parents"),
        Term.From("targetGroup", "grandparents"),
        Term.From("targetGroup", "migrant-families"),
        Term.From("targetGroup", "families-at-risk"),
        Term.From("targetGroup", "practitioners"),
    ];

    /// <summary>
    /// ISO 639-1 codes accepted as the language of a text: every supported language, and the other
    /// languages the families partners work with speak (a leaflet in Arabic or Ukrainian).
    /// </summary>
    public static readonly IReadOnlySet<string> Languages = new SortedSet<string>(SupportedLanguages.Codes, StringComparer.Ordinal)
    {
        "ar", "bg", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi", "fo", "fr", "ga", "gl", "he", "hi", "hr", "hu", "hy",
        "is", "it", "ka", "kk", "ko", "ku", "lb", "lt", "lv", "mk", "mt", "nb", "nl", "nn", "no", "pl", "ps", "pt", "ro", "ru", "sk", "sl", "so", "sq",
        "sr", "sv", "ti", "tr", "uk", "ur", "zh",
    };

    /// <summary>The licences partners choose from for their materials (SPDX ids), most open first.</summary>
    public static readonly IReadOnlyList<Licence> Licences =
    [
        new("CC-BY-4.0", "Creative Commons Attribution 4.0", new("https://creativecommons.org/licenses/by/4.0/")),
        new("CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0", new("https://creativecommons.org/licenses/by-sa/4.0/")),
        new("CC-BY-NC-4.0", "Creative Commons Attribution-NonCommercial 4.0", new("https://creativecommons.org/licenses/by-nc/4.0/")),
        new("CC-BY-NC-SA-4.0", "Creative Commons Attribution-NonCommercial-ShareAlike 4.0", new("https://creativecommons.org/licenses/by-nc-sa/4.0/")),
        new("CC-BY-ND-4.0", "Creative Commons Attribution-NoDerivatives 4.0", new("https://creativecommons.org/licenses/by-nd/4.0/")),
        new("CC-BY-NC-ND-4.0", "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0", new("https://creativecommons.org/licenses/by-nc-nd/4.0/")),
        new("CC0-1.0", "Creative Commons Zero 1.0 (public domain)", new("https://creativecommons.org/publicdomain/zero/1.0/")),
    ];

    public static Licence? FindLicence(string? id) =>
        Licences.FirstOrDefault(l => string.Equals(l.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static readonly IReadOnlySet<string> FieldIds = Fields.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> TargetGroupIds = TargetGroups.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);

    public static string? NormaliseLanguage(string? code)
    {
        var lower = code?.Trim().ToLowerInvariant();
        return lower is not null && Languages.Contains(lower) ? lower : null;
    }
}
