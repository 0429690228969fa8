namespace Exchange.Catalogue;

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
