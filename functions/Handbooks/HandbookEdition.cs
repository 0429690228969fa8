using System.Globalization;
using Exchange.Common;
using Exchange.Organisations;
using Exchange.Practices;

namespace Exchange.Handbooks;

/// <summary>A practice's section: its name, who runs it where, and the template's fields in order.</summary>
public sealed record EditionPractice(string Id, string Language, string Name, string Organisation, string Place, IReadOnlyList<(string Label, string Text)> Fields);

public sealed record EditionChapter(string Title, IReadOnlyList<EditionPractice> Practices);

public sealed record EditionPartner(string Name, string City, string Country);

/// <summary>The words around the content, in the edition's language, from the server catalogues (English where a text is missing).</summary>
public sealed record HandbookLabels(
    string Contents, string Introduction, string Partners, string Organisation, string Place, string Years, string Ongoing, string Objectives,
    string Description, string Fields, string TargetGroups, string Budget, string Funding, string Evaluation, string Indicators, string Contact,
    string Subtitle, string Page, string UpdateContents)
{
    public static HandbookLabels For(string language)
    {
        var t = Texts.For(language);
        return new(t["handbook.contents"], t["handbook.introduction"], t["handbook.partners"], t["handbook.organisation"], t["handbook.place"],
            t["handbook.years"], t["handbook.ongoing"], t["handbook.objectives"], t["handbook.description"], t["handbook.fields"],
            t["handbook.targetGroups"], t["handbook.budget"], t["handbook.funding"], t["handbook.evaluation"], t["handbook.indicators"],
            t["handbook.contact"], t["handbook.subtitle"], t["handbook.page"], t["handbook.updateContents"]);
    }
}

/// <summary>One language's edition of a handbook, ready to lay out: the same content feeds the PDF and the Word file.</summary>
public sealed record HandbookEdition(
    string Language, string Title, string Introduction, DateOnly Date, IReadOnlyList<EditionChapter> Chapters, IReadOnlyList<EditionPartner> Partners, HandbookLabels Labels)
{
    public string DateText => Texts.For(Language).Date(Date);

    /// <summary>
    /// The edition in <paramref name="language"/>: each practice in its version in that language
    /// where one exists, else in the version the coordinator chose, else in its original.
    /// </summary>
    public static HandbookEdition Compose(Handbook handbook, string language, IReadOnlyDictionary<string, Practice> practices, IReadOnlyList<Organisation> organisations)
    {
        var labels = HandbookLabels.For(language);
        var names = organisations.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var chapters = handbook.Chapters.Select(c => new EditionChapter(c.TitleIn(language), c.Practices.Select(entry =>
        {
            var practice = practices[entry.PracticeId];
            var content = practice.Published!;
            var version = content.Texts.FirstOrDefault(t => t.Language == language)
                ?? content.Texts.FirstOrDefault(t => t.Language == entry.Language)
                ?? content.Original;
            return Section(practice, version, content.Facts, names.GetValueOrDefault(practice.OrganisationId)?.Name ?? practice.OrganisationId, labels, language);
        }).ToList())).ToList();
        var partners = organisations.OrderBy(o => o.Country, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
            .Select(o => new EditionPartner(o.Name, o.City, o.Country)).ToList();
        var introduction = handbook.Introductions.First(i => i.Language == language).Text;
        return new HandbookEdition(language, handbook.Title, introduction, handbook.Date, chapters, partners, labels);
    }

    private static EditionPractice Section(Practice practice, LanguageVersion version, PracticeFacts f, string organisation, HandbookLabels l, string language)
    {
        string Term(IReadOnlyList<Term> vocabulary, string id) =>
            vocabulary.FirstOrDefault(t => t.Id == id) is { } term ? term.LabelIn(language) : id;
        var t = version.Text;
        var years = f.Ongoing || f.EndYear is null ? $"{f.StartYear} – {l.Ongoing}" : $"{f.StartYear} – {f.EndYear}";
        var fields = new List<(string, string)>
        {
            (l.Organisation, organisation),
            (l.Place, $"{f.City}, {f.Country}"),
            (l.Years, years),
            (l.Objectives, t.Objectives),
            (l.Description, t.Description),
            (l.Fields, string.Join(", ", f.Fields.Select(x => Term(Vocabulary.Fields, x)))),
            (l.TargetGroups, string.Join(", ", f.TargetGroups.Select(x => Term(Vocabulary.TargetGroups, x)))),
        };
        var budget = string.Join(" — ", new[]
        {
            f.BudgetAmount is { } amount ? $"{amount.ToString("#,0.##", CultureInfo.InvariantCulture)} {f.BudgetCurrency}{(f.BudgetYear is { } y ? $" ({y})" : "")}" : null,
            t.Budget,
        }.Where(x => !string.IsNullOrWhiteSpace(x)));
        if (budget.Length > 0)
        {
            fields.Add((l.Budget, budget));
        }
        if (!string.IsNullOrWhiteSpace(t.FundingSource))
        {
            fields.Add((l.Funding, t.FundingSource));
        }
        fields.Add((l.Evaluation, t.Evaluation));
        if (t.Indicators.Count > 0)
        {
            fields.Add((l.Indicators, string.Join("\n", t.Indicators.Select(i => i.Value is null ? $"• {i.Name}" : $"• {i.Name}: {i.Value}"))));
        }
        if (f.ContactVisible && (f.ContactName ?? f.ContactEmail ?? f.ContactPhone) is not null)
        {
            fields.Add((l.Contact, string.Join(", ", new[] { f.ContactName, f.ContactEmail, f.ContactPhone }.Where(x => !string.IsNullOrWhiteSpace(x)))));
        }
        return new EditionPractice(practice.Id, version.Language, t.Name, organisation, $"{f.City}, {f.Country}", fields);
    }
}
