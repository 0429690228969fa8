namespace Exchange.Practices;

public sealed record Term(string Id, string En, string It);

public sealed record Vocabularies(IReadOnlyList<Term> Fields, IReadOnlyList<Term> TargetGroups, IReadOnlySet<string> Languages);

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

    public static readonly IReadOnlySet<string> FieldIds = Fields.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> TargetGroupIds = TargetGroups.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);

    public static string? NormaliseLanguage(string? code)
    {
        var lower = code?.Trim().ToLowerInvariant();
        return lower is not null && Languages.Contains(lower) ? lower : null;
    }
}
