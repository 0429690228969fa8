using System.Security.Claims;
using Exchange.Accounts;
using Exchange.Common;
using Exchange.Organisations;
using Exchange.Practices;
using Exchange.Twinning;
using Microsoft.Extensions.Options;

namespace Exchange.Discussion;

/// <summary>The collaborators every discussion handler needs, resolved once per request, and the steps they share.</summary>
public sealed class DiscussionContext(
    CommentStore store, PracticeStore practices, TwinningStore twinnings, OrganisationStore organisations,
    IOptions<DiscussionOptions> options, TimeProvider time, ILogger<DiscussionContext> logger)
{
    private IReadOnlyDictionary<string, Organisation>? _organisations;

    public CommentStore Store => store;
    public DiscussionOptions Options => options.Value;
    public ILogger Logger => logger;
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The thread named by the route: a published practice or a twinning; 404 for anything else.</summary>
    public async Task<Result<ThreadOwner>> ThreadAsync(string kind, string threadId, CancellationToken ct)
    {
        switch (kind)
        {
            case "practices" when OrganisationScopedId.Parse(threadId) is not null:
                if (await practices.GetAsync(threadId, ct) is { Published: { } published } practice)
                {
                    return new ThreadOwner(ThreadKind.Practices, practice.Id, published.Original.Text.Name, practice.OrganisationId, $"/practices/{practice.Id}");
                }
                break;
            case "twinnings" when TwinningIds.IsValid(threadId):
                if (await twinnings.GetAsync(threadId, ct) is { } twinning)
                {
                    return new ThreadOwner(ThreadKind.Twinnings, twinning.Id, twinning.TextIn("en").Title, twinning.MentorOrganisationId, $"/twinnings/{twinning.Id}");
                }
                break;
        }
        return Problems.NotFound(kind == "twinnings" ? "The twinning" : "The practice");
    }

    public async Task<Result<Comment>> CommentAsync(string kind, string threadId, string commentId, CancellationToken ct)
    {
        if (!(await ThreadAsync(kind, threadId, ct)).TryGet(out var thread, out var problem))
        {
            return problem;
        }
        return await store.GetAsync(thread.Kind, thread.ThreadId, commentId, ct) is { } comment ? comment : Problems.NotFound("The comment");
    }

    /// <summary>The comment, when the signed-in person wrote it: a comment is only ever changed in its author's own name.</summary>
    public async Task<Result<Comment>> OwnCommentAsync(string kind, string threadId, string commentId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!(await CommentAsync(kind, threadId, commentId, ct)).TryGet(out var comment, out var problem))
        {
            return problem;
        }
        return comment.AuthorEmail == user.Email() && comment.Status != CommentStatus.Deleted
            ? comment
            : Problems.Forbidden("You can change or delete only your own comments.");
    }

    public async Task<Organisation?> OrganisationAsync(string id, CancellationToken ct) =>
        (await OrganisationsAsync(ct)).GetValueOrDefault(id);

    private async Task<IReadOnlyDictionary<string, Organisation>> OrganisationsAsync(CancellationToken ct) =>
        _organisations ??= (await organisations.ListAsync(ct)).ToDictionary(o => o.Id, StringComparer.Ordinal);

    /// <summary>The notice for the thread owner's digest; none when the owner wrote the comment itself.</summary>
    public async Task<CommentNotice?> NoticeAsync(ThreadOwner owner, Comment c, CancellationToken ct)
    {
        if (owner.OrganisationId is null || owner.OrganisationId == c.AuthorOrganisationId)
        {
            return null;
        }
        var author = c.AuthorOrganisationId is { } org ? (await OrganisationAsync(org, ct))?.Name : null;
        var excerpt = c.Text.Length <= 280 ? c.Text : c.Text[..280].TrimEnd() + "…";
        return new CommentNotice(owner.OrganisationId, $"{CommentStore.Partition(owner.Kind, owner.ThreadId)}.{c.Id}", owner.Kind, owner.ThreadId, owner.Title,
            owner.Path, c.AuthorName, author, c.Language, excerpt, c.CreatedAt);
    }

    /// <summary>Comments as the viewer sees them; replies under their comment when both are in the list.</summary>
    public async Task<List<CommentView>> ViewsAsync(IReadOnlyList<Comment> comments, ClaimsPrincipal user, CancellationToken ct)
    {
        var organisationsById = await OrganisationsAsync(ct);
        var coordinator = user.IsCoordinator();
        var email = user.Identity?.IsAuthenticated == true ? user.Email() : null;
        var ids = comments.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var replies = comments.Where(c => c.ParentId is not null && ids.Contains(c.ParentId)).ToLookup(c => c.ParentId!);

        CommentView View(Comment c, IReadOnlyList<CommentView> children)
        {
            var own = email is not null && c.AuthorEmail == email && c.Status != CommentStatus.Deleted;
            var editableUntil = c.CreatedAt + Options.EditWindow;
            var organisation = c.AuthorOrganisationId is { } org ? organisationsById.GetValueOrDefault(org) : null;
            var author = c.Status == CommentStatus.Deleted ? null
                : new CommentAuthorView(c.AuthorName, c.AuthorOrganisationId, organisation?.Name, organisation?.Country, c.ByCoordinator);
            var text = c.Status switch
            {
                CommentStatus.Visible => c.Text,
                CommentStatus.Hidden when coordinator => c.Text,
                _ => null,
            };
            var canEdit = own && c.Status == CommentStatus.Visible && Now <= editableUntil;
            return new CommentView(c.Id, c.ParentId, author, c.Language, text, c.Status, c.HiddenReason, c.CreatedAt, c.EditedAt,
                canEdit ? editableUntil : null, own, canEdit, coordinator ? c.Reports.Count : null, own || coordinator ? c.ETag : null, children);
        }

        return comments
            .Where(c => c.ParentId is null || !ids.Contains(c.ParentId))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => View(c, replies[c.Id].OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => View(r, [])).ToList()))
            .ToList();
    }
}
