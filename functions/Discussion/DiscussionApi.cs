using System.Security.Claims;
using System.Threading.RateLimiting;
using Exchange.Accounts;
using Exchange.Common;
using Exchange.Hosting;
using Exchange.Organisations;
using Exchange.Practices;
using Exchange.Storage;
using Exchange.Twinning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Exchange.Discussion;

/// <summary>
/// Comments on published practices and on twinnings. Visitors read; signed-in editors and
/// coordinators write, reply one level deep, edit their own for a short while and delete them;
/// any member reports a comment and the coordinator hides or restores it with a reason.
/// </summary>
public static class DiscussionApi
{
    public const string CommentRateLimit = "comments";

    public static IServiceCollection AddDiscussion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscussionOptions>().Bind(configuration.GetSection(DiscussionOptions.Section))
            .Validate(o => o.MaxCommentLength is >= 10 and <= 20_000 && o.EditWindow > TimeSpan.Zero && o.CommentsPerWindow >= 1 && o.RateWindow > TimeSpan.Zero,
                "Discussion: MaxCommentLength from 10 to 20000, EditWindow and RateWindow positive, CommentsPerWindow at least 1.")
            .ValidateOnStart();
        services.AddSingleton<CommentStore>();
        services.AddSingleton<CommentRateLimitPolicy>();
        services.AddScoped<DiscussionContext>();
        services.AddSingleton<IPersonalDataHolder, DiscussionPersonalData>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy<string, CommentRateLimitPolicy>(CommentRateLimit));
        services.AddTimerFunction<SendDiscussionDigest>(SendDiscussionDigest.Name, SendDiscussionDigest.Schedule);
        return services;
    }

    public static IEndpointRouteBuilder MapDiscussion(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/discussion").WithTags("Discussion");
        group.MapGet("/reports", ReportsAsync).RequireAuthorization(Policies.Coordinator).WithSummary("Comments members reported, for a coordinator to look at.");
        group.MapGet("/settings/{organisationId}", DigestSettingAsync).RequireAuthorization(Policies.Editor).ETag()
            .WithSummary("Whether an organisation receives the digest of new comments.");
        group.MapPut("/settings/{organisationId}", SaveDigestSettingAsync).RequireAuthorization(Policies.Editor).Accepts<DigestSettingInput>("application/json")
            .IfMatch("setting", required: false).ETag().WithSummary("Switch an organisation's comment digest on or off.");
        group.MapGet("/{kind}/{threadId}", ThreadAsync).WithSummary("The discussion of a practice or a twinning.");
        group.MapPost("/{kind}/{threadId}/comments", PostAsync).RequireAuthorization(Policies.Editor).RequireRateLimiting(CommentRateLimit)
            .Accepts<CommentInput>("application/json").ETag().WithSummary("Comment in a discussion, or answer a comment.");
        group.MapPut("/{kind}/{threadId}/comments/{commentId}", EditAsync).RequireAuthorization(Policies.Editor)
            .Accepts<CommentEditInput>("application/json").IfMatch("comment").ETag().WithSummary("Change one's own comment.");
        group.MapDelete("/{kind}/{threadId}/comments/{commentId}", DeleteAsync).RequireAuthorization(Policies.Editor).IfMatch("comment")
            .WithSummary("Delete one's own comment.");
        group.MapPost("/{kind}/{threadId}/comments/{commentId}/report", ReportAsync).RequireAuthorization(Policies.Editor)
            .Accepts<ReportInput>(isOptional: true, "application/json").WithSummary("Report a comment to the coordinators, optionally saying why.");
        group.MapPost("/{kind}/{threadId}/comments/{commentId}/hide", HideAsync).RequireAuthorization(Policies.Coordinator)
            .Accepts<ModerationInput>(isOptional: true, "application/json").IfMatch("comment").ETag().WithSummary("Hide a comment from the discussion.");
        group.MapPost("/{kind}/{threadId}/comments/{commentId}/restore", RestoreAsync).RequireAuthorization(Policies.Coordinator)
            .Accepts<ModerationInput>(isOptional: true, "application/json").IfMatch("comment").ETag().WithSummary("Show a hidden comment again.");
        return app;
    }

    public static async Task<Results<Ok<ThreadView>, ProblemHttpResult>> ThreadAsync(string kind, string threadId, HttpContext context, DiscussionContext d, CancellationToken ct)
    {
        var thread = await d.ThreadAsync(kind, threadId, ct);
        if (thread.Failed)
        {
            return thread.Problem;
        }
        var owner = thread.Value!;
        var comments = await d.Store.ThreadAsync(owner.Kind, owner.ThreadId, ct);
        var user = context.User;
        var views = await d.ViewsAsync(comments, user, ct);
        var member = user.IsCoordinator() || user.IsInRole(Roles.Partner);
        var yourName = member ? await d.Store.NameAsync(user.Email(), ct) : null;
        return TypedResults.Ok(new ThreadView(owner.Kind, owner.ThreadId, owner.Title, member, yourName, d.Options.MaxCommentLength,
            comments.Count(c => c.Status == CommentStatus.Visible), views));
    }

    /// <summary>Thread → body → validate → parent → save: a comment, or a reply to a comment of the same thread.</summary>
    public static async Task<Results<Created<CommentView>, ProblemHttpResult>> PostAsync(string kind, string threadId, HttpContext context, DiscussionContext d, CancellationToken ct)
    {
        var thread = await d.ThreadAsync(kind, threadId, ct);
        if (thread.Failed)
        {
            return thread.Problem;
        }
        var owner = thread.Value!;
        if (!(await JsonBody.ReadAsync<CommentInput>(context.Request, ct)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var v = new Validator();
        var text = v.RequiredText("text", input.Text, d.Options.MaxCommentLength);
        var language = Language(v, input.Language);
        var email = context.User.Email();
        var name = v.OptionalText("authorName", input.AuthorName, 80) ?? await d.Store.NameAsync(email, ct);
        if (name is null)
        {
            v.Add("authorName", "Give the name your comments are signed with.");
        }
        string? parentId = null;
        if (!string.IsNullOrWhiteSpace(input.ParentId))
        {
            var parent = await d.Store.GetAsync(owner.Kind, owner.ThreadId, input.ParentId.Trim(), ct);
            if (parent is null)
            {
                v.Add("parentId", "There is no comment with this id in this thread.");
            }
            else if (parent.IsReply)
            {
                v.Add("parentId", "Reply to the comment itself: replies go one level deep.");
            }
            else if (parent.Status == CommentStatus.Deleted)
            {
                v.Add("parentId", "This comment was deleted.");
            }
            parentId = parent?.Id;
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        if (input.AuthorName is not null)
        {
            await d.Store.SaveNameAsync(email, name!, ct);
        }
        var now = d.Now;
        var organisationId = context.User.IsCoordinator() ? null : context.User.OrganisationId();
        var comment = new Comment(owner.Kind, owner.ThreadId, CommentStore.NewId(now), parentId, email, name, organisationId, context.User.IsCoordinator(),
            language!, text!, CommentStatus.Visible, now, null, null, null, null, [], false, "");
        var notice = await d.NoticeAsync(owner, comment, ct);
        var saved = await d.Store.AddAsync(comment, notice, ct);
        d.Logger.LogInformation("Comment {CommentId} posted on {Kind} {ThreadId}", saved.Id, owner.Kind, owner.ThreadId);
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Created($"/api/discussion/{kind}/{owner.ThreadId}#{saved.Id}", (await d.ViewsAsync([saved], context.User, ct))[0]);
    }

    /// <summary>If-Match → load → own and still within the window → body → validate → save.</summary>
    public static async Task<Results<Ok<CommentView>, ProblemHttpResult>> EditAsync(string kind, string threadId, string commentId, HttpContext context, DiscussionContext d, CancellationToken ct)
    {
        var edit = await Edit.RunAsync(context.Request, "comment", async () =>
            (await d.OwnCommentAsync(kind, threadId, commentId, context.User, ct)).TryGet(out var comment, out var problem)
                ? comment.Status != CommentStatus.Visible || d.Now > comment.CreatedAt + d.Options.EditWindow
                    ? Problems.Conflict($"A comment can be changed for {d.Options.EditWindow.TotalMinutes:0} minutes after it is written, while it is shown.")
                    : comment
                : problem,
            (Comment comment, CommentEditInput body) =>
            {
                var v = new Validator();
                var text = v.RequiredText("text", body.Text, d.Options.MaxCommentLength);
                var language = body.Language is null ? comment.Language : Language(v, body.Language);
                return text is null || language is null || !v.IsValid ? v.ToProblem() : comment with { Text = text, Language = language, EditedAt = d.Now };
            }, (changed, etag) => d.Store.SaveAsync(changed, etag, ct), Stale(), ct);
        if (!edit.TryGet(out var saved, out var problem))
        {
            return problem;
        }
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok((await d.ViewsAsync([saved], context.User, ct))[0]);
    }

    /// <summary>
    /// The author deletes their comment. One with replies stays as "deleted" without its text or
    /// author, so the replies keep their place; one without goes entirely.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string kind, string threadId, string commentId, HttpContext context, DiscussionContext d, CancellationToken ct)
    {
        var etag = EditPrecondition.Require(context.Request, "comment");
        if (etag.Failed)
        {
            return etag.Problem;
        }
        var found = await d.OwnCommentAsync(kind, threadId, commentId, context.User, ct);
        if (found.Failed)
        {
            return found.Problem;
        }
        var comment = found.Value!;
        var hasReplies = !comment.IsReply && (await d.Store.ThreadAsync(comment.Kind, comment.ThreadId, ct)).Any(c => c.ParentId == comment.Id);
        var done = hasReplies
            ? await d.Store.SaveAsync(Tombstone(comment, d.Now), etag.Value!, ct) is not null
            : await d.Store.DeleteAsync(comment, etag.Value!, ct);
        if (!done)
        {
            return Stale();
        }
        d.Logger.LogInformation("Comment {CommentId} deleted by its author", comment.Id);
        return TypedResults.NoContent();
    }

    /// <summary>What is left of a deleted comment that has replies: the fact, the time and the thread.</summary>
    public static Comment Tombstone(Comment c, DateTimeOffset now) =>
        c with { Status = CommentStatus.Deleted, Text = "", AuthorName = null, EditedAt = now, ReportsOpen = false, Reports = [] };

    /// <summary>Any member reports a comment once; the coordinator finds it on the reports list.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> ReportAsync(string kind, string threadId, string commentId, HttpContext context, DiscussionContext d, CancellationToken ct)
    {
        var found = await d.CommentAsync(kind, threadId, commentId, ct);
        if (found.Failed)
        {
            return found.Problem;
        }
        var body = context.Request.ContentLength is null or 0 && context.Request.Headers.ContentType.Count == 0
            ? new ReportInput(null)
            : await JsonBody.ReadAsync<ReportInput>(context.Request, ct);
        if (!body.TryGet(out var input, out var problem))
        {
            return problem;
        }
        var v = new Validator();
        var reason = v.OptionalText("reason", input.Reason, 500);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var reporter = Secrets.Hash(context.User.Email());
        // Two reports at once: the loser reads again and adds its own.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var comment = attempt == 0 ? found.Value! : await d.Store.GetAsync(found.Value!.Kind, found.Value.ThreadId, found.Value.Id, ct);
            if (comment is null || comment.Status == CommentStatus.Deleted)
            {
                return Problems.NotFound("The comment");
            }
            if (comment.Reports.Any(r => r.ReporterHash == reporter))
            {
                return TypedResults.NoContent();
            }
            var reported = comment with { Reports = [.. comment.Reports, new CommentReport(reporter, reason, d.Now)], ReportsOpen = comment.Status == CommentStatus.Visible };
            if (await d.Store.SaveAsync(reported, comment.ETag, ct) is not null)
            {
                d.Logger.LogInformation("Comment {CommentId} reported", comment.Id);
                return TypedResults.NoContent();
            }
        }
        return Stale();
    }

    public static Task<Results<Ok<CommentView>, ProblemHttpResult>> HideAsync(string kind, string threadId, string commentId, HttpContext context, DiscussionContext d, CancellationToken ct) =>
        ModerateAsync(kind, threadId, commentId, hide: true, context, d, ct);

    public static Task<Results<Ok<CommentView>, ProblemHttpResult>> RestoreAsync(string kind, string threadId, string commentId, HttpContext context, DiscussionContext d, CancellationToken ct) =>
        ModerateAsync(kind, threadId, commentId, hide: false, context, d, ct);

    /// <summary>
    /// The coordinator hides a comment with a reason the public reads in its place, or restores it
    /// (restoring a visible one keeps it and closes its reports). Either way its reports are dealt with.
    /// </summary>
    private static async Task<Results<Ok<CommentView>, ProblemHttpResult>> ModerateAsync(
        string kind, string threadId, string commentId, bool hide, HttpContext context, DiscussionContext d, CancellationToken ct)
    {
        var etag = EditPrecondition.Require(context.Request, "comment");
        if (etag.Failed)
        {
            return etag.Problem;
        }
        var found = await d.CommentAsync(kind, threadId, commentId, ct);
        if (found.Failed)
        {
            return found.Problem;
        }
        var comment = found.Value!;
        if (comment.Status == CommentStatus.Deleted)
        {
            return Problems.Conflict("This comment was deleted by its author.");
        }
        string? reason = null;
        if (hide)
        {
            if (!(await JsonBody.ReadAsync<ModerationInput>(context.Request, ct)).TryGet(out var body, out var problem))
            {
                return problem;
            }
            var v = new Validator();
            reason = v.RequiredText("reason", body.Reason, 300);
            if (!v.IsValid)
            {
                return v.ToProblem();
            }
        }
        var changed = hide
            ? comment with { Status = CommentStatus.Hidden, HiddenReason = reason, HiddenAt = d.Now, HiddenBy = context.User.Email(), ReportsOpen = false }
            : comment with { Status = CommentStatus.Visible, HiddenReason = null, HiddenAt = null, HiddenBy = null, ReportsOpen = false };
        if (await d.Store.SaveAsync(changed, etag.Value!, ct) is not { } saved)
        {
            return Stale();
        }
        d.Logger.LogInformation("Comment {CommentId} {Action} by a coordinator", saved.Id, hide ? "hidden" : "restored");
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok((await d.ViewsAsync([saved], context.User, ct))[0]);
    }

    public static async Task<Ok<List<ReportedCommentView>>> ReportsAsync(HttpContext context, DiscussionContext d, CancellationToken ct)
    {
        var result = new List<ReportedCommentView>();
        foreach (var c in await d.Store.ReportedAsync(ct))
        {
            var owner = await d.ThreadAsync(c.Kind == ThreadKind.Practices ? "practices" : "twinnings", c.ThreadId, ct);
            var title = owner.Value?.Title ?? c.ThreadId;
            var path = owner.Value?.Path ?? "/";
            result.Add(new ReportedCommentView(c.Kind, c.ThreadId, title, path, (await d.ViewsAsync([c], context.User, ct))[0], c.Reports.Select(r => r.Reason).ToList()));
        }
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<DigestSettingView>, ProblemHttpResult>> DigestSettingAsync(string organisationId, HttpContext context, DiscussionContext d, CancellationToken ct)
    {
        if (!context.User.MayEditOrganisation(organisationId))
        {
            return Problems.Forbidden("You can change this only for your own organisation.");
        }
        var (on, etag) = await d.Store.DigestSettingAsync(organisationId, ct);
        if (etag is not null)
        {
            context.Response.Headers.ETag = etag;
        }
        return TypedResults.Ok(new DigestSettingView(organisationId, on, etag));
    }

    /// <summary>The organisation switches its daily digest of new comments on or off (If-Match once the switch was ever set).</summary>
    public static async Task<Results<Ok<DigestSettingView>, ProblemHttpResult>> SaveDigestSettingAsync(string organisationId, HttpContext context, DiscussionContext d, CancellationToken ct)
    {
        if (!context.User.MayEditOrganisation(organisationId))
        {
            return Problems.Forbidden("You can change this only for your own organisation.");
        }
        var etag = EditPrecondition.Optional(context.Request, "setting");
        if (etag.Failed)
        {
            return etag.Problem;
        }
        if (await d.OrganisationAsync(organisationId, ct) is null)
        {
            return Problems.NotFound("The organisation");
        }
        if (!(await JsonBody.ReadAsync<DigestSettingInput>(context.Request, ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (body.DigestOn is not { } on)
        {
            return Problems.Validation(("digestOn", "Say true or false."));
        }
        if (await d.Store.SaveDigestSettingAsync(organisationId, on, etag.Value, ct) is not { } saved)
        {
            return etag.Value is null
                ? Problems.Validation((EditPrecondition.Header, "This setting was set before: send the ETag it came with."))
                : Stale();
        }
        context.Response.Headers.ETag = saved;
        return TypedResults.Ok(new DigestSettingView(organisationId, on, saved));
    }

    private static string? Language(Validator v, string? value)
    {
        var language = Vocabulary.NormaliseLanguage(value?.Trim());
        if (language is null)
        {
            v.Add("language", "Choose one of the partnership's languages.");
        }
        return language;
    }

    private static ProblemHttpResult Stale() =>
        Problems.Conflict("Someone changed this comment after you opened it. Reload to see the change.");
}

/// <summary>
/// At most <see cref="DiscussionOptions.CommentsPerWindow"/> comments per signed-in account per
/// window. The partition is the account, not the address: colleagues behind one office network
/// do not share a budget, and one account cannot spread its posts over several addresses.
/// </summary>
public sealed class CommentRateLimitPolicy(IOptions<DiscussionOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.RateWindow.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests, Title = "Too many comments.",
                Detail = $"You can post {options.Value.CommentsPerWindow} comments every {options.Value.RateWindow.TotalMinutes:0} minutes. Wait a little and try again.",
            },
        });
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var account = httpContext.User.Identity?.IsAuthenticated == true ? "account:" + httpContext.User.Email() : "anonymous";
        return RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.CommentsPerWindow, Window = options.Value.RateWindow, QueueLimit = 0,
        });
    }
}
