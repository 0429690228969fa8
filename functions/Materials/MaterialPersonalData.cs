using System.Runtime.CompilerServices;
using Exchange.Common;

namespace Exchange.Materials;

/// <summary>
/// An editor's part in their organisation's materials: each file records who uploaded it. When the
/// editor's account goes the files stay, and name the organisation instead.
/// </summary>
public sealed class MaterialPersonalData(MaterialStore store) : IPersonalDataHolder
{
    public async IAsyncEnumerable<PersonalRecord> ExportAsync(PersonalDataSubject subject, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var material in await UploadedByAsync(subject, ct))
        {
            foreach (var file in material.Files.Concat(material.History).Where(f => IsSubject(f.UploadedBy, subject)))
            {
                yield return PersonalRecord.Of("authored", $"Material {material.TitleIn(material.Facts.Language)}",
                    ("Material", material.Id), ("Language", file.Language), ("File", file.FileName), ("Uploaded", file.UploadedAt));
            }
        }
    }

    public async Task<int> EraseAsync(PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var changed = 0;
        foreach (var material in await UploadedByAsync(subject, ct))
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var current = attempt == 0 ? material : await store.GetAsync(material.Id, ct);
                if (current is null)
                {
                    break;
                }
                MaterialFile Attribute(MaterialFile f) => IsSubject(f.UploadedBy, subject) ? f with { UploadedBy = subject.OrganisationId ?? "" } : f;
                if (await store.SaveAsync(current with { Files = current.Files.Select(Attribute).ToList(), History = current.History.Select(Attribute).ToList() }, current.ETag, ct) is not null)
                {
                    changed++;
                    break;
                }
            }
        }
        return changed;
    }

    private static bool IsSubject(string by, PersonalDataSubject subject) => string.Equals(by, subject.Email, StringComparison.OrdinalIgnoreCase);

    private async Task<IReadOnlyList<Material>> UploadedByAsync(PersonalDataSubject subject, CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.OrganisationId is null || subject.Email.Length == 0)
        {
            return [];
        }
        return (await store.ListAsync(ct))
            .Where(m => m.OrganisationId == subject.OrganisationId && m.Files.Concat(m.History).Any(f => IsSubject(f.UploadedBy, subject)))
            .ToList();
    }
}
