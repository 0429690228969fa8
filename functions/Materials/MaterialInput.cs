using Exchange.Common;
using Exchange.Practices;

namespace Exchange.Materials;

public sealed record MaterialInput(
    string? OrganisationId, string? Language, Dictionary<string, string?>? Titles, string? Description, string? Category, int? Year,
    string? Licence, List<string>? RelatedPractices);

/// <summary>The limits of a material's facts. Each rule names the field it checks.</summary>
public static class MaterialInputRules
{
    public const int FirstYear = 1990;
    public const int MaxRelatedPractices = 20;
    public const string DefaultLicence = "CC-BY-4.0";

    public static async Task<MaterialFacts?> FactsAsync(Validator v, MaterialInput input, int currentYear, PracticeStore practices, CancellationToken ct)
    {
        var language = Vocabulary.NormaliseLanguage(input.Language);
        if (language is null)
        {
            v.Add("language", "Choose the language of the original from the list.", ProblemCodes.Language);
        }
        var titles = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (input.Titles is not { Count: > 0 })
        {
            v.Add("titles", "Give the title, at least in the material's own language.");
        }
        else
        {
            foreach (var (key, value) in input.Titles)
            {
                var code = Vocabulary.NormaliseLanguage(key);
                var title = v.RequiredText($"titles.{key}", value, 300, 2);
                if (code is null)
                {
                    v.Add($"titles.{key}", "Choose the language of this title from the list.", ProblemCodes.Language);
                }
                else if (title is not null)
                {
                    titles[code] = title;
                }
            }
            if (language is not null && !input.Titles.Keys.Any(k => Vocabulary.NormaliseLanguage(k) == language))
            {
                v.Add($"titles.{language}", "Give the title in the material's own language.");
            }
        }
        var description = v.RequiredText("description", input.Description, 4000);
        var category = v.OneOf("category", input.Category, MaterialCategories.All, c => c);
        var lastYear = currentYear + 1;
        if (input.Year is not { } year || year < FirstYear || year > lastYear)
        {
            v.Add("year", $"Give the year of the material, between {FirstYear} and {lastYear}.");
        }
        var licence = DefaultLicence;
        if (!string.IsNullOrWhiteSpace(input.Licence))
        {
            if (Vocabulary.FindLicence(input.Licence) is { } known)
            {
                licence = known.Id;
            }
            else
            {
                v.Add("licence", "Choose a licence from the list.");
            }
        }
        var related = await RelatedPracticesAsync(v, input.RelatedPractices, practices, ct);
        return v.IsValid
            ? new MaterialFacts(language!, titles, description!, category!, input.Year!.Value, licence, related)
            : null;
    }

    private static async Task<IReadOnlyList<string>> RelatedPracticesAsync(Validator v, List<string>? ids, PracticeStore practices, CancellationToken ct)
    {
        if (ids is not { Count: > 0 })
        {
            return [];
        }
        if (ids.Count > MaxRelatedPractices)
        {
            v.Add("relatedPractices", $"At most {MaxRelatedPractices} related practices.");
            return [];
        }
        var found = await Task.WhenAll(ids.Select(id => string.IsNullOrWhiteSpace(id) ? Task.FromResult<Practice?>(null) : practices.GetAsync(id.Trim(), ct)));
        for (var i = 0; i < ids.Count; i++)
        {
            if (found[i] is null)
            {
                v.Add($"relatedPractices[{i}]", "This practice is not in the catalogue; choose one from the list.");
            }
        }
        return found.OfType<Practice>().Select(p => p.Id).Distinct().ToList();
    }
}
