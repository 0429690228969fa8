using System.Runtime.CompilerServices;
using Exchange.Common;

namespace Exchange.Practices;

/// <summary>
/// An editor's part in their organisation's practices: the history names who submitted, revised or
/// moderated each version. When the editor's account goes, the practices stay with the
/// organisation and the history names the organisation instead.
/// </summary>
public sealed class PracticePersonalData(PracticeStore store) : IPersonalDataHolder
{
    public async IAsyncEnumerable<PersonalRecord> ExportAsync(PersonalDataSubject subject, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var practice in WrittenByAsync(subject, ct))
        {
            foreach (var entry in practice.History.Where(h => IsSubject(h.By, subject)))
            {
                yield return PersonalRecord.Of("authored", $"Practice {practice.Working.Original.Text.Name}",
                    ("Practice", practice.Id), ("Action", entry.Action), ("At", entry.At), ("Comment", entry.Comment));
            }
        }
    }

    public async Task<int> EraseAsync(PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var changed = 0;
        await foreach (var practice in WrittenByAsync(subject, ct))
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var current = attempt == 0 ? practice : await store.GetAsync(practice.Id, ct);
                if (current is null)
                {
                    break;
                }
                var history = current.History.Select(h => IsSubject(h.By, subject) ? h with { By = subject.OrganisationId ?? "" } : h).ToList();
                if (await store.SaveAsync(current with { History = history }, current.ETag, ct) is not null)
                {
                    changed++;
                    break;
                }
            }
        }
        return changed;
    }

    private static bool IsSubject(string by, PersonalDataSubject subject) => string.Equals(by, subject.Email, StringComparison.OrdinalIgnoreCase);

    /// <summary>An editor writes only their own organisation's practices, so one partition holds everything they wrote.</summary>
    private async IAsyncEnumerable<Practice> WrittenByAsync(PersonalDataSubject subject, [EnumeratorCancellation] CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.OrganisationId is null || subject.Email.Length == 0)
        {
            yield break;
        }
        foreach (var summary in await store.ListAsync(subject.OrganisationId, null, ct))
        {
            if (await store.GetAsync(summary.Id, ct) is { } practice && practice.History.Any(h => IsSubject(h.By, subject)))
            {
                yield return practice;
            }
        }
    }
}
