using System.Security.Claims;
using Exchange.Accounts;
using Exchange.Catalogue;
using Exchange.Organisations;
using Exchange.Practices;

namespace Exchange.Transfers;

/// <summary>
/// Every transfer record, from wherever it is kept: the partners' own here, the twinnings'
/// outcomes through <see cref="ITransferSource"/>. It also gives the catalogue its counts, so it
/// must not itself need the catalogue.
/// </summary>
public sealed class TransferRecords(TransferStore store, IEnumerable<ITransferSource> sources) : ICatalogueTransfers
{
    public async Task<IReadOnlyList<TransferRecord>> ListAsync(string? practiceId, string? organisationId, CancellationToken ct)
    {
        var result = new List<TransferRecord>(await store.ListAsync(practiceId, organisationId, ct));
        foreach (var source in sources)
        {
            result.AddRange(await source.ListAsync(practiceId, organisationId, ct));
        }
        return result.OrderByDescending(r => r.UpdatedAt).ToList();
    }

    public async Task<TransferRecord?> FindAsync(string id, CancellationToken ct)
    {
        if (TransferIds.Parse(id) is not var (practiceId, organisationId, twinningId))
        {
            return null;
        }
        if (twinningId is null)
        {
            return await store.GetAsync(practiceId, organisationId, ct);
        }
        foreach (var source in sources)
        {
            if ((await source.ListAsync(practiceId, organisationId, ct)).FirstOrDefault(r => r.TwinningId == twinningId) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>How many organisations took up each practice, whichever way they recorded it.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken ct) =>
        (await ListAsync(null, null, ct)).GroupBy(r => r.PracticeId).ToDictionary(g => g.Key, g => g.Select(r => r.OrganisationId).Distinct().Count());
}

/// <summary>The transfer records as the pages show them: only records of practices published now.</summary>
public sealed class TransferDirectory(
    TransferStore store, TransferRecords records, OrganisationStore organisations, PracticeStore practices, CatalogueIndex catalogue,
    TimeProvider time, ILogger<TransferDirectory> logger)
{
    public TransferStore Store => store;
    public ILogger Logger => logger;
    public DateTimeOffset Now => time.GetUtcNow();
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public Task<IReadOnlyList<TransferRecord>> ListAsync(string? practiceId, string? organisationId, CancellationToken ct) => records.ListAsync(practiceId, organisationId, ct);

    public Task<TransferRecord?> FindAsync(string id, CancellationToken ct) => records.FindAsync(id, ct);

    public async Task<Organisation?> OrganisationAsync(string id, CancellationToken ct) => await organisations.GetAsync(id, ct);

    public async Task<Practice?> PublishedPracticeAsync(string id, CancellationToken ct) =>
        await practices.GetAsync(id, ct) is { Published: not null } practice ? practice : null;

    /// <summary>Tells this instance's catalogue at once and the others through the version marker.</summary>
    public async Task ChangedAsync(CancellationToken ct)
    {
        await practices.BumpCatalogueVersionAsync(ct);
        await catalogue.TransfersChangedAsync(ct);
    }

    public async Task<List<TransferView>> ViewsAsync(IEnumerable<TransferRecord> records, ClaimsPrincipal user, CancellationToken ct)
    {
        var snapshot = await catalogue.SnapshotAsync(ct);
        var byId = (await organisations.ListAsync(ct)).ToDictionary(o => o.Id, StringComparer.Ordinal);
        var result = new List<TransferView>();
        foreach (var r in records)
        {
            if (snapshot.Find(r.PracticeId) is not { } practice)
            {
                continue;
            }
            var text = practice.TextFor(r.Language);
            var organisation = byId.GetValueOrDefault(r.OrganisationId);
            var canEdit = r.Source == TransferSource.Partner && user.Identity?.IsAuthenticated == true && user.MayEditOrganisation(r.OrganisationId);
            result.Add(new TransferView(r.Id,
                new TransferPractice(practice.Id, text.Name, text.Language, practice.OrganisationId, practice.OrganisationName, practice.Country),
                new TransferOrganisation(r.OrganisationId, organisation?.Name ?? r.OrganisationId, organisation?.Country ?? "", organisation?.City ?? ""),
                r.Source, r.TwinningId, r.Kind, r.StartedOn, r.Changes, r.ServesWhom, r.Status, r.StatusReason, r.Language, r.Results, r.Indicators, r.History,
                r.UpdatedAt, canEdit, canEdit ? r.ETag : null));
        }
        return result;
    }
}
