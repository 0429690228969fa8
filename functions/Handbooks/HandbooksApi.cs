using Azure;
using Azure.Storage.Blobs;
using Exchange.Accounts;
using Exchange.Common;
using Exchange.Organisations;
using Exchange.Practices;
using Exchange.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Handbooks;

/// <summary>A handbook as its coordinator page shows it, with its generation state.</summary>
public sealed record HandbookView(
    string Id, string Title, IReadOnlyList<HandbookIntroduction> Introductions, IReadOnlyList<HandbookChapter> Chapters, DateOnly Date, string OrganisationId,
    string Licence, string? MaterialId, int Revision, HandbookStatus Status, int Progress, string? Step, string? LastError, DateTimeOffset? GeneratedAt,
    IReadOnlyList<string> Languages, IReadOnlyList<string> WordFiles, DateTimeOffset UpdatedAt, string Etag)
{
    public static HandbookView From(Handbook h) => new(h.Id, h.Title, h.Introductions, h.Chapters, h.Date, h.OrganisationId, h.Licence, h.MaterialId,
        h.Revision, h.Status, h.Progress, h.Step, h.LastError, h.GeneratedAt, h.Languages, h.WordFiles.Keys.Order(StringComparer.Ordinal).ToList(), h.UpdatedAt, h.ETag);
}

/// <summary>
/// The partnership's handbook: a coordinator composes it from published practices, grouped in
/// chapters, and has it generated in the background as a PDF in each language (published in the
/// library as one material) and a Word file that members download to edit further.
/// </summary>
public static class HandbooksApi
{
    public static IServiceCollection AddHandbooks(this IServiceCollection services)
    {
        services.AddSingleton<HandbookStore>();
        services.AddSingleton<HandbookGenerator>();
        services.AddSingleton<IPendingWorkHandler>(sp => sp.GetRequiredService<HandbookGenerator>());
        return services;
    }

    public static IEndpointRouteBuilder MapHandbooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/handbooks").WithTags("Handbooks");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Coordinator).WithSummary("The handbooks.");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Coordinator).Accepts<HandbookInput>("application/json").ETag()
            .WithSummary("Start a handbook: which practices and twinnings it gathers, in which languages.");
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Coordinator).ETag().WithSummary("One handbook and its generated files.");
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Coordinator).Accepts<HandbookInput>("application/json").IfMatch("handbook").ETag()
            .WithSummary("Change a handbook.");
        group.MapPost("/{id}/generate", GenerateAsync).RequireAuthorization(Policies.Coordinator).IfMatch("handbook").ETag()
            .WithSummary("Generate the handbook's Word files (in the background).");
        group.MapGet("/{id}/word/{language}", WordFileAsync).RequireAuthorization(Policies.Editor)
            .Produces<byte[]>(contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document").WithSummary("Download a handbook's Word file in a language.");
        return app;
    }

    public static async Task<Ok<List<HandbookView>>> ListAsync(HandbookStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(HandbookView.From).ToList());

    public static async Task<Results<Ok<HandbookView>, ProblemHttpResult>> GetAsync(string id, HttpContext context, HandbookStore store, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } handbook)
        {
            return Problems.NotFound("The handbook");
        }
        context.Response.Headers.ETag = handbook.ETag;
        return TypedResults.Ok(HandbookView.From(handbook));
    }

    public static async Task<Results<Created<HandbookView>, ProblemHttpResult>> CreateAsync(
        HttpContext context, HandbookStore store, PracticeStore practices, OrganisationStore organisations, TimeProvider time, CancellationToken ct)
    {
        if (!(await ReadAsync(context.Request, practices, organisations, ct)).TryGet(out var f, out var problem))
        {
            return problem;
        }
        var now = time.GetUtcNow();
        var slug = TextFolding.Slug(f.Title, 48);
        var handbook = await store.CreateAsync(new Handbook((slug.Length == 0 ? "handbook" : slug) + "-" + Secrets.NewToken()[..6].ToLowerInvariant().Replace('_', 'x').Replace('-', 'y'),
            f.Title, f.Introductions, f.Chapters, f.Date, f.OrganisationId, f.Licence, null, 0, HandbookStatus.Draft, 0, null, null, null,
            new Dictionary<string, string>(), now, now, context.User.Email(), ""), ct);
        context.Response.Headers.ETag = handbook.ETag;
        return TypedResults.Created($"/api/handbooks/{handbook.Id}", HandbookView.From(handbook));
    }

    /// <summary>If-Match → load → body → validate → save. Changing the composition does not touch what was generated.</summary>
    public static async Task<Results<Ok<HandbookView>, ProblemHttpResult>> UpdateAsync(
        string id, HttpContext context, HandbookStore store, PracticeStore practices, OrganisationStore organisations, TimeProvider time, CancellationToken ct)
    {
        var edit = await Edit.RunAsync(context.Request, "handbook", () => LoadAsync(id, store, ct),
            async (Handbook existing) => (await ReadAsync(context.Request, practices, organisations, ct)).TryGet(out var f, out var problem)
                ? existing with
                {
                    Title = f.Title, Introductions = f.Introductions, Chapters = f.Chapters, Date = f.Date, OrganisationId = existing.MaterialId is null ? f.OrganisationId : existing.OrganisationId,
                    Licence = f.Licence, UpdatedAt = time.GetUtcNow(), UpdatedBy = context.User.Email(),
                }
                : problem, (changed, etag) => store.SaveAsync(changed, etag, ct), Stale());
        if (!edit.TryGet(out var saved, out var problem))
        {
            return problem;
        }
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok(HandbookView.From(saved));
    }

    /// <summary>
    /// If-Match → load → every practice still published (400 naming it otherwise) → queued, and the
    /// work recorded before the answer: 202, and the page follows the progress on the handbook.
    /// </summary>
    public static async Task<Results<Accepted<HandbookView>, ProblemHttpResult>> GenerateAsync(
        string id, HttpContext context, HandbookStore store, PracticeStore practices, PendingWork work, TimeProvider time, CancellationToken ct)
    {
        var edit = await Edit.RunAsync(context.Request, "handbook", () => LoadAsync(id, store, ct), async (Handbook handbook) =>
        {
            if (handbook.Status is HandbookStatus.Queued or HandbookStatus.Generating)
            {
                return Problems.Conflict("The handbook is being generated already.");
            }
            return await PublishedAsync(handbook, practices, ct) is { } problem
                ? problem
                : handbook with { Status = HandbookStatus.Queued, Progress = 0, Step = null, LastError = null, UpdatedAt = time.GetUtcNow(), UpdatedBy = context.User.Email() };
        }, (queued, etag) => store.SaveAsync(queued, etag, ct), Stale());
        if (!edit.TryGet(out var saved, out var problem))
        {
            return problem;
        }
        await work.AcceptAsync(HandbookGenerator.WorkKind, new HandbookJob(saved.Id), HandbookGenerator.Lifetime, ct);
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Accepted($"/api/handbooks/{saved.Id}", HandbookView.From(saved));
    }

    /// <summary>A 400 naming each practice of the handbook that is no longer published; null when all are, and there is one at least.</summary>
    private static async Task<ProblemHttpResult?> PublishedAsync(Handbook handbook, PracticeStore practices, CancellationToken ct)
    {
        var v = new Validator();
        for (var c = 0; c < handbook.Chapters.Count; c++)
        {
            for (var p = 0; p < handbook.Chapters[c].Practices.Count; p++)
            {
                if (await practices.GetAsync(handbook.Chapters[c].Practices[p].PracticeId, ct) is not { Published: not null })
                {
                    v.Add($"chapters[{c}].practices[{p}].practiceId", "This practice is no longer published: take it out of the handbook, or have it published again.");
                }
            }
        }
        if (!handbook.Entries.Any())
        {
            v.Add("chapters", "Include at least one published practice.");
        }
        return v.IsValid ? null : v.ToProblem();
    }

    /// <summary>The Word file of the latest revision in one language, for members to edit further.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> WordFileAsync(
        string id, string language, HandbookStore store, [FromKeyedServices(StorageNames.HandbooksContainer)] BlobContainerClient container, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } handbook || !handbook.WordFiles.TryGetValue(language, out var name))
        {
            return Problems.NotFound("The Word file");
        }
        try
        {
            var download = await container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: ct);
            return TypedResults.Stream(download.Value.Content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Path.GetFileName(name));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Problems.NotFound("The Word file");
        }
    }

    private static async Task<Result<HandbookFields>> ReadAsync(HttpRequest request, PracticeStore practices, OrganisationStore organisations, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<HandbookInput>(request, ct, 256 * 1024)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var wanted = (input.Chapters ?? []).SelectMany(c => c?.Practices ?? []).Select(p => p?.PracticeId?.Trim()).OfType<string>()
            .Where(id => id.Length > 0).Distinct().Take(HandbookRules.MaxPractices + 1).ToList();
        var found = new Dictionary<string, Practice>(StringComparer.Ordinal);
        foreach (var id in wanted)
        {
            if (await practices.GetAsync(id, ct) is { } practice)
            {
                found[id] = practice;
            }
        }
        var v = new Validator();
        var known = (await organisations.ListAsync(ct)).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var fields = HandbookRules.Check(v, input, known, id => found.GetValueOrDefault(id));
        return v.IsValid ? fields! : v.ToProblem();
    }

    private static async Task<Result<Handbook>> LoadAsync(string id, HandbookStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } handbook ? handbook : Problems.NotFound("The handbook");

    private static ProblemHttpResult Stale() => Problems.Conflict("Someone changed this handbook after you opened it. Reload to see their changes.");
}
