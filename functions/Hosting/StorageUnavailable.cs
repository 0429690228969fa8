using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Exchange.Hosting;

/// <summary>
/// The one answer for "storage cannot be reached just now": 503 with Retry-After and a
/// ProblemDetails that says so plainly and does not blame the request. The exception handler,
/// the per-request timeout, the start-up gate and the readiness probe all answer with it. It sits
/// with the hosting glue, which answers with it, and the storage area sets its Retry-After
/// (<see cref="OutageOptions"/>), so the dependency runs from storage to hosting only.
/// </summary>
public static class StorageUnavailable
{
    /// <summary>Lets the site tell this apart from other 503s and show its own words.</summary>
    public const string Reason = "storage-unavailable";

    public static ProblemDetails Problem() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "We can't reach our storage right now.",
        Detail = "Nothing in your request was wrong. Try again in a moment.",
        Extensions = { ["reason"] = Reason },
    };

    public static void SetRetryAfter(HttpContext context)
    {
        var wait = context.RequestServices.GetRequiredService<IOptions<OutageOptions>>().Value.RetryAfter;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        SetRetryAfter(context);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problem() });
    }
}

/// <summary>How long a client should wait after a 503; storage sets it to its circuit breaker's break.</summary>
public sealed class OutageOptions
{
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
