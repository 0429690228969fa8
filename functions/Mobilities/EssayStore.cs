using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Exchange.Storage;

namespace Exchange.Mobilities;

/// <summary>
/// Essays: at most one per mobility, keyed by the mobility's id. There are as many as visits
/// (dozens over a project), read together by the coordinator and the public, so one partition.
/// </summary>
public sealed class EssayStore([FromKeyedServices(StorageNames.EssaysTable)] TableClient table)
{
    private const string Partition = "essay";
    private const string DateFormat = "yyyy-MM-dd";

    public async Task<Essay?> GetAsync(string mobilityId, CancellationToken ct)
    {
        if (MobilityStore.ParseId(mobilityId) is null)
        {
            return null;
        }
        return await table.FindAsync(Partition, mobilityId, ct: ct) is { } found ? ToEssay(found) : null;
    }

    public async Task<IReadOnlyList<Essay>> ListAsync(EssayStatus? status, string? hostOrganisationId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        if (status is { } s)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {s.ToString()}");
        }
        if (hostOrganisationId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"HostOrganisationId eq {hostOrganisationId}");
        }
        var result = new List<Essay>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            result.Add(ToEssay(e));
        }
        return result;
    }

    /// <summary>Adds the essay (no ETag) or replaces the version read (ETag); null when another write came first.</summary>
    public async Task<Essay?> SaveAsync(Essay essay, CancellationToken ct) =>
        await table.AddOrReplaceIfMatchAsync(ToEntity(essay), string.IsNullOrEmpty(essay.ETag) ? null : essay.ETag, ct) is { } saved
            ? essay with { ETag = saved }
            : null;

    /// <summary>Deletes the essay of a visit; true when there was one.</summary>
    public async Task<bool> DeleteAsync(string mobilityId, CancellationToken ct)
    {
        if (MobilityStore.ParseId(mobilityId) is null)
        {
            return false;
        }
        var response = await table.DeleteEntityAsync(Partition, mobilityId, ETag.All, ct);
        return response.Status != 404;
    }

    private static TableEntity ToEntity(Essay e) => new(Partition, e.MobilityId)
    {
        ["HostOrganisationId"] = e.HostOrganisationId,
        ["SendingOrganisationId"] = e.SendingOrganisationId,
        ["ParticipantName"] = e.ParticipantName,
        ["Profession"] = e.Profession,
        ["StartDate"] = e.StartDate.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["EndDate"] = e.EndDate.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["Text"] = e.Text,
        ["ConsentToPublish"] = e.ConsentToPublish,
        ["Status"] = e.Status.ToString(),
        ["SubmittedAt"] = e.SubmittedAt,
        ["ReadAt"] = e.ReadAt,
        ["ReadBy"] = e.ReadBy,
        ["PublishedAt"] = e.PublishedAt,
        ["PublishedBy"] = e.PublishedBy,
    };

    private static Essay ToEssay(TableEntity e) =>
        new(e.RowKey, e.GetString("HostOrganisationId"), e.GetString("SendingOrganisationId"), e.GetString("ParticipantName"), e.GetString("Profession") ?? "",
            DateOnly.ParseExact(e.GetString("StartDate"), DateFormat, CultureInfo.InvariantCulture), DateOnly.ParseExact(e.GetString("EndDate"), DateFormat, CultureInfo.InvariantCulture),
            e.GetString("Text") ?? "", e.GetBoolean("ConsentToPublish") ?? false, Enum.Parse<EssayStatus>(e.GetString("Status")),
            e.GetDateTimeOffset("SubmittedAt") ?? default, e.GetDateTimeOffset("ReadAt"), e.GetString("ReadBy"), e.GetDateTimeOffset("PublishedAt"),
            e.GetString("PublishedBy"), e.ETag.ToString());
}
