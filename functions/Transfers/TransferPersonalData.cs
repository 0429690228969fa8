using System.Runtime.CompilerServices;
using Exchange.Common;

namespace Exchange.Transfers;

/// <summary>
/// Transfer records belong to organisations; the only personal data is who last changed one. It is
/// exported, and on erasure replaced by the organisation, as for practices.
/// </summary>
public sealed class TransferPersonalData(TransferStore store) : IPersonalDataHolder
{
    public async IAsyncEnumerable<PersonalRecord> ExportAsync(PersonalDataSubject subject, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var r in await ChangedByAsync(subject, ct))
        {
            yield return PersonalRecord.Of("authored", $"Transfer record {r.Id}", ("Record", r.Id), ("Changed", r.UpdatedAt), ("Status", r.Status.ToString().ToLowerInvariant()));
        }
    }

    public async Task<int> EraseAsync(PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var changed = 0;
        foreach (var r in await ChangedByAsync(subject, ct))
        {
            if (await store.SaveAsync(r with { UpdatedBy = r.OrganisationId }, r.ETag, ct) is not null)
            {
                changed++;
            }
        }
        return changed;
    }

    private async Task<IReadOnlyList<TransferRecord>> ChangedByAsync(PersonalDataSubject subject, CancellationToken ct) =>
        subject.VisitsOnly || subject.Email.Length == 0
            ? []
            : (await store.ListAsync(null, null, ct)).Where(r => string.Equals(r.UpdatedBy, subject.Email, StringComparison.OrdinalIgnoreCase)).ToList();
}
