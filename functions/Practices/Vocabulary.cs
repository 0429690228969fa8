namespace Exchange.Practices;

public sealed record Term(string Id, string En, string It);

/// <summary>A licence a material can carry: its SPDX id, its name, and where its text is.</summary>
public sealed record Licence(string Id, string Name, Uri Url);

public sealed record Vocabularies(IReadOnlyList<Term> Fields, IReadOnlyList<Term> TargetGroups, IReadOnlySet<string> Languages, IReadOnlyList<Licence> Licences);

/// <summary>The controlled vocabularies of the practice template, with English and Italian labels.</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<Term> Fields =
    [
        new("motherhood-fatherhood-support", "Motherhood and fatherhood support", "Sostegno alla maternità e alla paternità"),
        new("work-life-balance", "Work–life balance", "Conciliazione tra vita e lavoro"),
        new("leisure-sport-free-time", "Leisure, sport and free time", "Tempo libero e sport"),
        new("training-education", "Training and education", "Formazione e istruzione"),
        new("family-mediation", "Family mediation", "Mediazione familiare"),
        new("home-educational-support", "Home-based educational support", "Educativa domiciliare"),
        new("parent-child-groups", "Parent and child groups", "Gruppi genitori e bambini"),
        new("community-networks", "Community networks and mutual help", "Reti di comunità e mutuo aiuto"),
        new("multi-problem-families", "Families with multiple problems", "Famiglie multiproblematiche"),
        new("placement-prevention", "Prevention of out-of-home placement", "Prevenzione dell'allontanamento familiare"),
        new("orientation-information", "Orientation and information services", "Servizi di orientamento e informazione"),
    ];

    public static readonly IReadOnlyList<Term> TargetGroups =
    [
        new("children-0-6", "Children 0–6", "Bambini 0–6 anni"),
        new("children", "Children", "Bambini"),
        new("teenagers", "Teenagers", "Adolescenti"),
        new("parents", "Parents", "Genitori"),
        new("expectant-parents", "Expectant parents", "Futuri genitori"),
        new("grandparents", "Grandparents", "Nonni"),
        new("migrant-families", "Migrant families", "Famiglie migranti"),
        new("families-at-risk", "Families at risk of social exclusion", "Famiglie a rischio di esclusione sociale"),
        new("practitioners", "Practitioners", "Operatori"),
    ];

    /// <summary>ISO 639-1 codes accepted as the language of a text.</summary>
    public static readonly IReadOnlySet<string> Languages = new SortedSet<string>(StringComparer.Ordinal)
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
