using System.Globalization;
using Exchange.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Audit;

public static class AuditApi
{
    public const int MaxEntries = 1000;
    public const int MaxDays = 400;

    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditLog>());
        return services;
    }

    /// <summary>The audit log, readable under <paramref name="readerPolicy"/> (the coordinators'), which the caller names so this area depends on no other.</summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app, string readerPolicy)
    {
        app.MapGet("/api/audit", ListAsync).RequireAuthorization(readerPolicy).WithTags("Audit");
        return app;
    }

    /// <summary>Entries newest first, of one <c>action</c> or all, between <c>from</c> and <c>to</c> (yyyy-MM-dd; default the last 30 days).</summary>
    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> ListAsync(
        string? action, string? from, string? to, AuditLog log, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var end = ParseDay(v, "to", to) ?? today;
        var start = ParseDay(v, "from", from) ?? end.AddDays(-30);
        var wanted = string.IsNullOrWhiteSpace(action) ? null : action.Trim();
        if (wanted is not null && !AuditActions.All.Contains(wanted))
        {
            v.Add("action", "Choose one of: " + string.Join(", ", AuditActions.All) + ".");
        }
        if (v.IsValid && start > end)
        {
            v.Add("from", "The first day comes after the last.");
        }
        else if (v.IsValid && end.DayNumber - start.DayNumber > MaxDays)
        {
            v.Add("from", $"Look at most {MaxDays} days at once.");
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        return TypedResults.Ok(await log.ListAsync(wanted, start, end, MaxEntries, ct));
    }

    private static DateOnly? ParseDay(Validator v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        v.Add(field, "Write the date as yyyy-MM-dd.");
        return null;
    }
}
