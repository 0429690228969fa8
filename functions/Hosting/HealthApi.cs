using Exchange.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Hosting;

public sealed record HealthStatus(string Status);

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers. Cheap by design; the benchmarks use it as their baseline.
        app.MapGet("/api/health", () => TypedResults.Ok(new HealthStatus("ok"))).WithTags("Health");
        app.MapGet("/api/health/ready", ReadyAsync).WithTags("Health");
        return app;
    }

    public static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> ReadyAsync(StorageHealth storage, HttpContext context, CancellationToken ct)
    {
        if (await storage.IsReachableAsync(ct))
        {
            return TypedResults.Ok(new HealthStatus("ready"));
        }
        StorageUnavailable.SetRetryAfter(context);
        return TypedResults.Problem(StorageUnavailable.Problem());
    }
}
