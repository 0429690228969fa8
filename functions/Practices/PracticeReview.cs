using System.Globalization;
using Exchange.Catalogue;

namespace Exchange.Practices;

/// <summary>One field that differs between the published practice and the revision under review; <see cref="Language"/> for a text field.</summary>
public sealed record FieldChange(string Field, string? Language, string? Before, string? After);

/// <summary>
/// What a coordinator reviews: the revision as the public will see it, the version the public sees now
/// (when one is published), and what changed between the two, field by field.
/// </summary>
public sealed record PracticeReview(
    string Id, PracticeStatus Status, string Etag, string? LastComment, CatalogueDocument Preview, CatalogueDocument? Published, IReadOnlyList<FieldChange> Changes);

public static class PracticeDiff
{
    /// <summary>Every field of the facts and of each language's text whose value differs; list values one per line.</summary>
    public static IReadOnlyList<FieldChange> Compare(PracticeContent before, PracticeContent after)
    {
        var changes = new List<FieldChange>();
        void Field(string name, string? language, string? a, string? b)
        {
            if (!string.Equals(a ?? "", b ?? "", StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(name, language, string.IsNullOrEmpty(a) ? null : a, string.IsNullOrEmpty(b) ? null : b));
            }
        }
        static string? Number(decimal? n) => n?.ToString(CultureInfo.InvariantCulture);
        static string? Whole(int? n) => n?.ToString(CultureInfo.InvariantCulture);
        static string Flag(bool b) => b ? "true" : "false";
        var (f, g) = (before.Facts, after.Facts);
        Field("language", null, f.Language, g.Language);
        Field("country", null, f.Country, g.Country);
        Field("city", null, f.City, g.City);
        Field("startYear", null, Whole(f.StartYear), Whole(g.StartYear));
        Field("endYear", null, Whole(f.EndYear), Whole(g.EndYear));
        Field("ongoing", null, Flag(f.Ongoing), Flag(g.Ongoing));
        Field("fields", null, string.Join('\n', f.Fields), string.Join('\n', g.Fields));
        Field("targetGroups", null, string.Join('\n', f.TargetGroups), string.Join('\n', g.TargetGroups));
        Field("budgetAmount", null, Number(f.BudgetAmount), Number(g.BudgetAmount));
        Field("budgetCurrency", null, f.BudgetCurrency, g.BudgetCurrency);
        Field("budgetYear", null, Whole(f.BudgetYear), Whole(g.BudgetYear));
        Field("contactVisible", null, Flag(f.ContactVisible), Flag(g.ContactVisible));
        Field("contactName", null, f.ContactName, g.ContactName);
        Field("contactEmail", null, f.ContactEmail, g.ContactEmail);
        Field("contactPhone", null, f.ContactPhone, g.ContactPhone);

        foreach (var language in before.Texts.Select(t => t.Language).Union(after.Texts.Select(t => t.Language)).Order(StringComparer.Ordinal))
        {
            var a = before.Texts.FirstOrDefault(t => t.Language == language)?.Text;
            var b = after.Texts.FirstOrDefault(t => t.Language == language)?.Text;
            if (a is null || b is null)
            {
                changes.Add(new FieldChange("translation", language, a?.Name, b?.Name));
                continue;
            }
            Field("name", language, a.Name, b.Name);
            Field("objectives", language, a.Objectives, b.Objectives);
            Field("description", language, a.Description, b.Description);
            Field("budget", language, a.Budget, b.Budget);
            Field("fundingSource", language, a.FundingSource, b.FundingSource);
            Field("evaluation", language, a.Evaluation, b.Evaluation);
            Field("indicators", language, Indicators(a), Indicators(b));
        }
        return changes;
    }

    private static string Indicators(PracticeText text) =>
        string.Join('\n', text.Indicators.Select(i => i.Value is null ? i.Name : $"{i.Name}: {i.Value}"));
}
