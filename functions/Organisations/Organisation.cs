namespace Exchange.Organisations;

public static class OrganisationKinds
{
    public static readonly IReadOnlyList<string> All =
        ["municipality", "family-centre", "ngo", "university", "health-service", "school", "social-cooperative", "research-institute", "public-agency", "other"];
}

/// <summary>A partner organisation as the app works with it; the table entity stays in the store.</summary>
public sealed record Organisation(string Id, string Name, string Country, string City, string Kind, string? Website, string Description, string ETag)
{
    public OrganisationFields Fields => new(Name, Country, City, Kind, Website, Description);

    public Organisation With(OrganisationFields f) => this with { Name = f.Name, Country = f.Country, City = f.City, Kind = f.Kind, Website = f.Website, Description = f.Description };
}

/// <summary>What a coordinator sends to create or edit an organisation.</summary>
public sealed record OrganisationInput(string? Name, string? Country, string? City, string? Kind, string? Website, string? Description);

public sealed record OrganisationDto(string Id, string Name, string Country, string City, string Kind, string? Website, string Description, string Etag)
{
    public static OrganisationDto From(Organisation o) => new(o.Id, o.Name, o.Country, o.City, o.Kind, o.Website, o.Description, o.ETag);
}

/// <summary>A validated organisation ready to store.</summary>
public sealed record OrganisationFields(string Name, string Country, string City, string Kind, string? Website, string Description);
