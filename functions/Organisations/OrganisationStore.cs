using Azure;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Organisations;

public enum SaveOutcome
{
    Saved,
    Duplicate,
}

/// <summary>
/// Organisations live in one partition (there are dozens, read together). The row key is
/// derived from country and name, so inserting a duplicate fails atomically with a conflict.
/// </summary>
public sealed class OrganisationStore([FromKeyedServices(StorageNames.OrganisationsTable)] TableClient table)
{
    private const string Partition = "org";

    public async Task<IReadOnlyList<Organisation>> ListAsync(CancellationToken ct)
    {
        var result = new List<Organisation>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: ct))
        {
            result.Add(ToOrganisation(e));
        }
        return result.OrderBy(o => o.Country, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<Organisation?> GetAsync(string id, CancellationToken ct)
    {
        if (!IsValidId(id))
        {
            return null;
        }
        return await table.FindAsync(Partition, id, ct: ct) is { } found ? ToOrganisation(found) : null;
    }

    public async Task<(SaveOutcome Outcome, Organisation? Organisation)> CreateAsync(OrganisationFields fields, CancellationToken ct)
    {
        var id = IdFor(fields.Country, fields.Name);
        var entity = ToEntity(id, fields);
        try
        {
            var response = await table.AddEntityAsync(entity, ct);
            entity.ETag = response.Headers.ETag ?? default;
            return (SaveOutcome.Saved, ToOrganisation(entity));
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (SaveOutcome.Duplicate, null);
        }
    }

    /// <summary>Whether another organisation already has the id these fields would give (same country, same name once folded).</summary>
    public async Task<bool> IsNameTakenAsync(string id, OrganisationFields fields, CancellationToken ct)
    {
        var key = IdFor(fields.Country, fields.Name);
        return key != id && (await ListAsync(ct)).Any(o => o.Id != id && IdFor(o.Country, o.Name) == key);
    }

    /// <summary>Replaces an organisation if it still has the ETag the editor saw; null when it changed meanwhile.</summary>
    public async Task<Organisation?> SaveAsync(Organisation organisation, string etag, CancellationToken ct) =>
        await table.ReplaceIfMatchAsync(ToEntity(organisation.Id, organisation.Fields), etag, ct) is { } saved ? organisation with { ETag = saved } : null;

    /// <summary>A readable, stable id: the country code and the name folded to ASCII, e.g. <c>it-lares-family-centre</c>.</summary>
    public static string IdFor(string country, string name)
    {
        var slug = TextFolding.Slug(name, 80);
        return $"{country.ToLowerInvariant()}-{(slug.Length == 0 ? "organisation" : slug)}";
    }

    private static bool IsValidId(string id) => id.Length is > 3 and <= 100 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static TableEntity ToEntity(string id, OrganisationFields f) => new(Partition, id)
    {
        ["Name"] = f.Name,
        ["Country"] = f.Country,
        ["City"] = f.City,
        ["Kind"] = f.Kind,
        ["Website"] = f.Website,
        ["Description"] = f.Description,
    };

    private static Organisation ToOrganisation(TableEntity e) =>
        new(e.RowKey, e.GetString("Name"), e.GetString("Country"), e.GetString("City"), e.GetString("Kind"), e.GetString("Website"), e.GetString("Description") ?? "", e.ETag.ToString());
}
