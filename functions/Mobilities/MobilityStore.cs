using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Mobilities;

/// <summary>
/// Mobilities: one partition per sending organisation (its outgoing participants are one
/// partition query), one entity per mobility. The id carries the partition
/// (<c>{sending organisation}.{key}</c>), so a mobility cannot change its sending organisation.
/// </summary>
public sealed class MobilityStore([FromKeyedServices(StorageNames.MobilitiesTable)] TableClient table)
{
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly string[] QuotaColumns = ["PartitionKey", "HostOrganisationId", "StartDate", "EndDate", "Status"];

    public static string NewId(string sendingOrganisationId) => OrganisationScopedId.New(sendingOrganisationId);

    public static (string Partition, string Row)? ParseId(string id) => OrganisationScopedId.Parse(id);

    public async Task<Mobility?> GetAsync(string id, CancellationToken ct)
    {
        if (ParseId(id) is not var (partition, row))
        {
            return null;
        }
        return await table.FindAsync(partition, row, ct: ct) is { } found ? ToMobility(found) : null;
    }

    /// <summary>All mobilities (null), or those an organisation sends or hosts.</summary>
    public async Task<IReadOnlyList<Mobility>> ListAsync(string? organisationId, CancellationToken ct)
    {
        var filter = organisationId is null
            ? null
            : TableClient.CreateQueryFilter($"PartitionKey eq {organisationId} or HostOrganisationId eq {organisationId}");
        var result = new List<Mobility>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            result.Add(ToMobility(e));
        }
        return result.OrderBy(m => m.StartDate).ThenBy(m => m.ParticipantName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The visits of a participant, by their address (a query over every partition: rare, on a person's request).</summary>
    public Task<IReadOnlyList<Mobility>> ListForParticipantAsync(string email, CancellationToken ct) =>
        QueryAsync(TableClient.CreateQueryFilter($"ParticipantEmail eq {email}"), ct);

    /// <summary>The visits an editor registered or last changed.</summary>
    public Task<IReadOnlyList<Mobility>> ListWrittenByAsync(string email, CancellationToken ct) =>
        QueryAsync(TableClient.CreateQueryFilter($"CreatedBy eq {email} or UpdatedBy eq {email}"), ct);

    /// <summary>Visits that ended before <paramref name="day"/>; with <paramref name="named"/>, only those that still name their participant.</summary>
    public Task<IReadOnlyList<Mobility>> ListEndedBeforeAsync(DateOnly day, bool named, CancellationToken ct) =>
        QueryAsync(named
            ? TableClient.CreateQueryFilter($"EndDate lt {FormatDate(day)} and ParticipantEmail ne {""}")
            : TableClient.CreateQueryFilter($"EndDate lt {FormatDate(day)}"), ct);

    private async Task<IReadOnlyList<Mobility>> QueryAsync(string filter, CancellationToken ct)
    {
        var result = new List<Mobility>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            result.Add(ToMobility(e));
        }
        return result;
    }

    /// <summary>Only what the quota counts: sender, host, start date and status.</summary>
    public async Task<IReadOnlyList<QuotaVisit>> ListForQuotaAsync(CancellationToken ct)
    {
        var result = new List<QuotaVisit>();
        await foreach (var e in table.QueryAsync<TableEntity>(select: QuotaColumns, cancellationToken: ct))
        {
            result.Add(new QuotaVisit(e.PartitionKey, e.GetString("HostOrganisationId"), ParseDate(e.GetString("StartDate")), ParseDate(e.GetString("EndDate")),
                Enum.Parse<MobilityStatus>(e.GetString("Status"))));
        }
        return result;
    }

    public async Task<Mobility> CreateAsync(Mobility mobility, CancellationToken ct)
    {
        var response = await table.AddEntityAsync(ToEntity(mobility), ct);
        return mobility with { ETag = response.Headers.ETag?.ToString() ?? "" };
    }

    /// <summary>Inserts unless a mobility with this id exists; null when it does (idempotent demo content).</summary>
    public async Task<Mobility?> TryCreateAsync(Mobility mobility, CancellationToken ct)
    {
        try
        {
            return await CreateAsync(mobility, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces the mobility if nobody changed it since <paramref name="etag"/>; null when someone did.</summary>
    public async Task<Mobility?> SaveAsync(Mobility mobility, string etag, CancellationToken ct) =>
        await table.ReplaceIfMatchAsync(ToEntity(mobility), etag, ct) is { } saved ? mobility with { ETag = saved } : null;

    /// <summary>
    /// Applies a change that needs no editor's judgement (a participant unsubscribing, an essay
    /// arriving) to the latest version, re-reading when a concurrent write wins.
    /// </summary>
    public async Task<Mobility?> UpdateAsync(string id, Func<Mobility, Mobility> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await GetAsync(id, ct) is not { } current)
            {
                return null;
            }
            if (await SaveAsync(change(current), current.ETag, ct) is { } saved)
            {
                return saved;
            }
        }
        throw new InvalidOperationException($"Mobility {id} kept changing; gave up after 5 attempts.");
    }

    /// <summary>Many mobilities at once, in batches of one partition and at most 100 entities (benchmark data).</summary>
    public async Task ImportAsync(IEnumerable<Mobility> mobilities, CancellationToken ct)
    {
        foreach (var batch in mobilities.GroupBy(m => m.SendingOrganisationId).SelectMany(g => g.Chunk(100)))
        {
            await table.SubmitTransactionAsync(batch.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(m))), ct);
        }
    }

    private static string FormatDate(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string? text) => DateOnly.ParseExact(text ?? "", DateFormat, CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(Mobility m)
    {
        var (partition, row) = ParseId(m.Id) ?? throw new ArgumentException("Malformed mobility id.", nameof(m));
        return new TableEntity(partition, row)
        {
            ["HostOrganisationId"] = m.HostOrganisationId,
            ["ParticipantName"] = m.ParticipantName,
            ["ParticipantEmail"] = m.ParticipantEmail,
            ["Language"] = m.Language,
            ["Profession"] = m.Profession,
            ["HomeCountry"] = m.HomeCountry,
            // ISO dates as strings sort and compare correctly in filters.
            ["StartDate"] = FormatDate(m.StartDate),
            ["EndDate"] = FormatDate(m.EndDate),
            ["Status"] = m.Status.ToString(),
            ["HostAddress"] = m.Host.Address,
            ["HostContactName"] = m.Host.ContactName,
            ["HostContactEmail"] = m.Host.ContactEmail,
            ["HostContactPhone"] = m.Host.ContactPhone,
            ["Programme"] = m.Host.Programme,
            ["Unsubscribed"] = m.Unsubscribed,
            ["UnsubscribedAt"] = m.UnsubscribedAt,
            ["EssaySubmittedAt"] = m.EssaySubmittedAt,
            ["Revision"] = m.Revision,
            ["CreatedAt"] = m.CreatedAt,
            ["CreatedBy"] = m.CreatedBy,
            ["UpdatedAt"] = m.UpdatedAt,
            ["UpdatedBy"] = m.UpdatedBy,
        };
    }

    private static Mobility ToMobility(TableEntity e) =>
        new(OrganisationScopedId.Compose(e.PartitionKey, e.RowKey), e.PartitionKey, e.GetString("HostOrganisationId"), e.GetString("ParticipantName"), e.GetString("ParticipantEmail"),
            e.GetString("Language"), e.GetString("Profession"), e.GetString("HomeCountry"), ParseDate(e.GetString("StartDate")), ParseDate(e.GetString("EndDate")),
            Enum.Parse<MobilityStatus>(e.GetString("Status")),
            new HostDetails(e.GetString("HostAddress"), e.GetString("HostContactName"), e.GetString("HostContactEmail"), e.GetString("HostContactPhone"), e.GetString("Programme")),
            e.GetBoolean("Unsubscribed") ?? false, e.GetDateTimeOffset("UnsubscribedAt"), e.GetDateTimeOffset("EssaySubmittedAt"), e.GetInt32("Revision") ?? 1,
            e.GetDateTimeOffset("CreatedAt") ?? default, e.GetString("CreatedBy") ?? "", e.GetDateTimeOffset("UpdatedAt") ?? default, e.GetString("UpdatedBy") ?? "",
            e.ETag.ToString());
}
