using Azure;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Twinning;

/// <summary>A service a twinning can be about: a built-in term or one the coordinator added.</summary>
public sealed record ServiceTerm(string Id, string En, string It, bool BuiltIn, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>A built-in term, labelled in every supported language from the server catalogues.</summary>
    public static ServiceTerm Translated(string id)
    {
        var labels = SupportedLanguages.All.ToDictionary(l => l.Code, l => Texts.For(l.Code)[$"service.{id}"], StringComparer.Ordinal);
        return new ServiceTerm(id, labels["en"], labels["it"], true, labels);
    }

    /// <summary>A coordinator's term: the English and Italian labels they gave.</summary>
    public static ServiceTerm Added(string id, string en, string it) =>
        new(id, en, it, false, new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = en, ["it"] = it });

    public string LabelIn(string? language) => Labels.GetValueOrDefault(SupportedLanguages.Resolve(language)) ?? En;
}

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
        ServiceTerm.Translated("orientation-information"),
        ServiceTerm.Translated("family-mediation"),
        ServiceTerm.Translated("multi-problem-families"),
    ];

    public async Task<IReadOnlyList<ServiceTerm>> ListAsync(CancellationToken ct)
    {
        var added = new List<ServiceTerm>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
        {
            added.Add(ServiceTerm.Added(e.RowKey, e.GetString("En") ?? e.RowKey, e.GetString("It") ?? e.RowKey));
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
            return ServiceTerm.Added(id, en, it);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }
}
