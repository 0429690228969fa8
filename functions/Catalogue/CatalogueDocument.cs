using Exchange.Practices;

namespace Exchange.Catalogue;

public sealed record CatalogueText(
    string Language, bool IsOriginal, bool OutOfDate, string Name, string Objectives, string Description,
    string? Budget, string? FundingSource, string Evaluation, IReadOnlyList<Indicator> Indicators);

public sealed record PublicContact(string? Name, string? Email, string? Phone);

/// <summary>A published practice as the public sees it; contact details only where the partner allowed it.</summary>
public sealed record CatalogueDocument(
    string Id, string OrganisationId, string OrganisationName, string Language, string Country, string City,
    int StartYear, int? EndYear, bool Ongoing, IReadOnlyList<string> Fields, IReadOnlyList<string> TargetGroups,
    decimal? BudgetAmount, string? BudgetCurrency, int? BudgetYear, PublicContact? Contact,
    IReadOnlyList<CatalogueText> Texts, DateTimeOffset PublishedAt)
{
    public static CatalogueDocument From(string id, string organisationId, string organisationName, PracticeContent content, DateTimeOffset publishedAt)
    {
        var f = content.Facts;
        var contact = f.ContactVisible && (f.ContactName ?? f.ContactEmail ?? f.ContactPhone) is not null
            ? new PublicContact(f.ContactName, f.ContactEmail, f.ContactPhone)
            : null;
        var texts = content.Texts
            .OrderByDescending(t => t.IsOriginal).ThenBy(t => t.Language, StringComparer.Ordinal)
            .Select(t => new CatalogueText(t.Language, t.IsOriginal, content.IsOutOfDate(t), t.Text.Name, t.Text.Objectives, t.Text.Description,
                t.Text.Budget, t.Text.FundingSource, t.Text.Evaluation, t.Text.Indicators))
            .ToList();
        return new CatalogueDocument(id, organisationId, organisationName, f.Language, f.Country, f.City, f.StartYear, f.EndYear, f.Ongoing,
            f.Fields, f.TargetGroups, f.BudgetAmount, f.BudgetCurrency, f.BudgetYear, contact, texts, publishedAt);
    }

    /// <summary>The version in the reader's language where one exists, else the original.</summary>
    public CatalogueText TextFor(string? language) =>
        Texts.FirstOrDefault(t => t.Language == language) ?? Texts.First(t => t.IsOriginal);
}

public sealed record CatalogueItem(
    string Id, string Name, string Summary, string Language, string City, string Country, string OrganisationId, string OrganisationName,
    int StartYear, int? EndYear, bool Ongoing, IReadOnlyList<string> Fields, IReadOnlyList<string> TargetGroups, IReadOnlyList<string> Languages,
    DateTimeOffset PublishedAt, int Transfers = 0);

public sealed record FacetValue(string Value, int Count);

public sealed record CatalogueFacets(
    IReadOnlyList<FacetValue> Country, IReadOnlyList<FacetValue> Field, IReadOnlyList<FacetValue> TargetGroup,
    IReadOnlyList<FacetValue> Language, IReadOnlyList<FacetValue> Ongoing, IReadOnlyList<FacetValue> TakenUp);

public sealed record CataloguePage(int Total, int Page, int PageSize, IReadOnlyList<CatalogueItem> Items, CatalogueFacets Facets);

/// <summary>A published practice's name, in the reader's language where there is a version in it.</summary>
public sealed record PracticeName(string Id, string Name, string Language);
