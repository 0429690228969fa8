using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Hosting;

public sealed record HealthStatus(string Status);

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers. Cheap by design; the benchmarks use it as their baseline.
        app.MapGet("/api/health", () => TypedResults.Ok(new HealthStatus("ok"))).WithTags("Health").WithSummary("Liveness: the process answers.");
        return app;
    }
}
