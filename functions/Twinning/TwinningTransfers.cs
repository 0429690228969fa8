using Exchange.Transfers;

namespace Exchange.Twinning;

/// <summary>
/// A learner's outcome of a twinning that transfers a practice is a transfer record of that
/// practice, linked to the twinning: while the twinning runs the learner is trying it, once it is
/// completed it has adopted it (or adapted it, as the learner says).
/// </summary>
public sealed class TwinningTransfers(TwinningStore store) : ITransferSource
{
    public async Task<IReadOnlyList<TransferRecord>> ListAsync(string? practiceId, string? organisationId, CancellationToken ct)
    {
        var result = new List<TransferRecord>();
        foreach (var twinning in await store.ListAsync(ct))
        {
            if (twinning.PracticeId is not { } practice || (practiceId is not null && practice != practiceId) ||
                (organisationId is not null && !twinning.IsLearner(organisationId)))
            {
                continue;
            }
            var contents = await store.ReadAsync(twinning.Id, ct);
            foreach (var o in contents?.Outcomes ?? [])
            {
                if (!twinning.IsLearner(o.OrganisationId) || (organisationId is not null && o.OrganisationId != organisationId))
                {
                    continue;
                }
                var started = twinning.Phases.Select(p => (DateOnly?)p.StartDate).Min() ?? DateOnly.FromDateTime(o.UpdatedAt.UtcDateTime);
                result.Add(new TransferRecord(practice, o.OrganisationId, TransferSource.Twinning, twinning.Id,
                    o.Adoption == Adoption.Adapted ? TransferKind.Adapted : TransferKind.Adopted, started, o.Practice, o.Started,
                    twinning.Status == TwinningStatus.Completed ? TransferStatus.Adopted : TransferStatus.Trying, null, o.Language, o.FirstResults,
                    o.Indicators, [], o.UpdatedAt, o.UpdatedAt, o.UpdatedBy, o.ETag));
            }
        }
        return result;
    }
}
