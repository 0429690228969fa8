using System.Runtime.CompilerServices;
using Exchange.Common;

namespace Exchange.Discussion;

/// <summary>
/// A member's comments and the name they comment under. Erasure anonymises rather than deletes:
/// the comments stay in their threads, so replies keep their context, attributed to the author's
/// organisation (or to "the coordinator") without the name or the address; the stored name goes,
/// and so does the name in digests not yet sent. The reports a person made are kept only as a hash.
/// </summary>
public sealed class DiscussionPersonalData(CommentStore store) : IPersonalDataHolder
{
    // The comments identify the person by address, so they are anonymised after the areas that look them up by it.
    public int ErasureStage => 1;

    public async Task FindAsync(PersonalDataSubject subject, CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.Email.Length == 0)
        {
            return;
        }
        if (await store.NameAsync(subject.Email, ct) is { } name)
        {
            subject.Names.Add(name);
        }
        foreach (var c in await store.ByAuthorAsync(subject.Email, ct))
        {
            if (c.AuthorName is { Length: > 0 } written)
            {
                subject.Names.Add(written);
            }
        }
    }

    public async IAsyncEnumerable<PersonalRecord> ExportAsync(PersonalDataSubject subject, [EnumeratorCancellation] CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.Email.Length == 0)
        {
            yield break;
        }
        if (await store.NameAsync(subject.Email, ct) is { } name)
        {
            yield return PersonalRecord.Of("comment-name", "The name you comment under", ("Name", name));
        }
        foreach (var c in (await store.ByAuthorAsync(subject.Email, ct)).OrderBy(c => c.CreatedAt))
        {
            yield return PersonalRecord.Of("comment", $"Comment on {(c.Kind == ThreadKind.Practices ? "practice" : "twinning")} {c.ThreadId}",
                ("Thread", $"/{(c.Kind == ThreadKind.Practices ? "practices" : "twinnings")}/{c.ThreadId}"), ("Name", c.AuthorName),
                ("Organisation", c.AuthorOrganisationId), ("Language", c.Language), ("Written", c.CreatedAt), ("Edited", c.EditedAt),
                ("Status", c.Status.ToString().ToLowerInvariant()), ("Hidden because", c.HiddenReason), ("Text", c.Text));
        }
    }

    public async Task<int> EraseAsync(PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.Email.Length == 0)
        {
            return 0;
        }
        var changed = 0;
        var names = new HashSet<string>(subject.Names, StringComparer.OrdinalIgnoreCase);
        foreach (var comment in await store.ByAuthorAsync(subject.Email, ct))
        {
            if (comment.AuthorName is { } written)
            {
                names.Add(written);
            }
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var current = attempt == 0 ? comment : await store.GetAsync(comment.Kind, comment.ThreadId, comment.Id, ct);
                if (current is null || current.AuthorEmail != subject.Email)
                {
                    break;
                }
                if (await store.SaveAsync(current with { AuthorEmail = "", AuthorName = null }, current.ETag, ct) is not null)
                {
                    changed++;
                    break;
                }
            }
        }
        changed += await store.ForgetNameInNoticesAsync(names, ct);
        if (await store.NameAsync(subject.Email, ct) is not null)
        {
            await store.ForgetNameAsync(subject.Email, ct);
            changed++;
        }
        return changed;
    }
}
