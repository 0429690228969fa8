using Azure;
using Azure.Data.Tables;
using Exchange.Storage;

namespace Exchange.Twinning;

/// <summary>A service a twinning can be about: a built-in term or one the coordinator added.</summary>
public sealed record ServiceTerm(string Id, string En, string It, bool BuiltIn);

/// <summary>
/// The controlled vocabulary of services, translated like the practice vocabularies. The three
/// services the first twinnings were about are built in; a coordinator's additions live in their
/// own table (one partition: there are a handful, always read together).
/// </summary>
public sealed class ServiceVocabulary([FromKeyedServices(StorageNames.TwinningServicesTable)] TableClient table)
{
    private const string Partition = "service";

    public static readonly IReadOnlyList<ServiceTerm> BuiltIn =
    [
        new("orientation-information", "Orientation and information for families", "Orientamento e informazione per le famiglie", true),
        new("family-mediation", "Family mediation", "Mediazione familiare", true),
        new("multi-problem-families", "Support for families with multiple problems", "Sostegno alle famiglie multiproblematiche", true),
    ];

    public async Task<IReadOnlyList<ServiceTerm>> ListAsync(CancellationToken ct)
    {
        var added = new List<ServiceTerm>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
        {
            added.Add(new ServiceTerm(e.RowKey, e.GetString("En") ?? e.RowKey, e.GetString("It") ?? e.RowKey, false));
        }
        return [.. BuiltIn, .. added.OrderBy(t => t.En, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<ServiceTerm?> FindAsync(string? id, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(id) ? null : (await ListAsync(ct)).FirstOrDefault(t => t.Id == id.Trim());

    /// <summary>Adds a term; null when its id is taken, by a built-in term or an earlier addition.</summary>
    public async Task<ServiceTerm?> AddAsync(string id, string en, string it, CancellationToken ct)
    {
        if (BuiltIn.Any(t => t.Id == id))
        {
            return null;
        }
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, id) { ["En"] = en, ["It"] = it }, ct);
            return new ServiceTerm(id, en, it, false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }
}
