using Exchange.Common;

namespace Exchange.Hosting;

/// <summary>
/// Refuses a malformed or oversized <c>If-Match</c> or <c>If-None-Match</c> on every route, before
/// any endpoint, static file or storage call interprets it: 400 naming the header.
/// </summary>
public static class ConditionalHeaders
{
    public static async Task CheckAsync(HttpContext context, Func<Task> next)
    {
        foreach (var header in EntityTags.ConditionalHeaders)
        {
            if (context.Request.Headers.TryGetValue(header, out var values) && EntityTags.Check(values, out _, out _) is { } problem)
            {
                await Problems.Validation((header, problem)).ExecuteAsync(context);
                return;
            }
        }
        await next();
    }
}
