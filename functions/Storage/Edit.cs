using Exchange.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Storage;

/// <summary>
/// The one path of an edit endpoint: If-Match → load → read the body → validate → save. The steps
/// are the endpoint's own; the order, and leaving at the first problem, are shared, so every edit
/// answers 428/400 for the header before it reads anything, 404/403 before it reads the body, and
/// 409 (the endpoint's <c>stale</c> problem) when the record changed since the editor's version.
/// The saved record comes back for the endpoint's answer: its ETag, its view, what follows a save.
/// </summary>
public static class Edit
{
    /// <summary>The usual 409 of a save that lost to another: the editor reloads and sees the other change.</summary>
    public static ProblemHttpResult Stale(string what) =>
        Problems.Conflict($"Someone else changed this {what} after you opened it. Reload to see their changes.");

    /// <summary>If-Match → load → body → <paramref name="validate"/> (the changed record, or the problem naming the field) → save.</summary>
    public static Task<Result<TRecord>> RunAsync<TRecord, TInput>(
        HttpRequest request, string what, Func<Task<Result<TRecord>>> load, Func<TRecord, TInput, Result<TRecord>> validate,
        Func<TRecord, string, Task<TRecord?>> save, ProblemHttpResult stale, CancellationToken ct) where TRecord : class where TInput : class =>
        RunAsync<TRecord, TInput>(request, what, load, (current, input) => Task.FromResult(validate(current, input)), save, stale, ct);

    /// <summary>The same, for a validation that reads storage (names of organisations, practices).</summary>
    public static Task<Result<TRecord>> RunAsync<TRecord, TInput>(
        HttpRequest request, string what, Func<Task<Result<TRecord>>> load, Func<TRecord, TInput, Task<Result<TRecord>>> validate,
        Func<TRecord, string, Task<TRecord?>> save, ProblemHttpResult stale, CancellationToken ct) where TRecord : class where TInput : class =>
        RunAsync(request, what, load, async current =>
            (await JsonBody.ReadAsync<TInput>(request, ct)).TryGet(out var input, out var problem) ? await validate(current, input) : problem,
            save, stale);

    /// <summary>An edit without a body (a transition, a removal): If-Match → load → <paramref name="change"/> → save.</summary>
    public static Task<Result<TRecord>> RunAsync<TRecord>(
        HttpRequest request, string what, Func<Task<Result<TRecord>>> load, Func<TRecord, Result<TRecord>> change,
        Func<TRecord, string, Task<TRecord?>> save, ProblemHttpResult stale) where TRecord : class =>
        RunAsync(request, what, load, current => Task.FromResult(change(current)), save, stale);

    /// <summary>The path itself; <paramref name="change"/> reads the body when the edit has one.</summary>
    public static async Task<Result<TRecord>> RunAsync<TRecord>(
        HttpRequest request, string what, Func<Task<Result<TRecord>>> load, Func<TRecord, Task<Result<TRecord>>> change,
        Func<TRecord, string, Task<TRecord?>> save, ProblemHttpResult stale) where TRecord : class
    {
        if (!EditPrecondition.Require(request, what).TryGet(out var etag, out var problem))
        {
            return problem;
        }
        if (!(await load()).TryGet(out var current, out problem))
        {
            return problem;
        }
        if (!(await change(current)).TryGet(out var changed, out problem))
        {
            return problem;
        }
        return await save(changed, etag) is { } saved ? saved : stale;
    }
}
