using System.Text.Json;
using System.Text.Json.Nodes;

namespace Exchange.Hosting;

/// <summary>
/// The Azure Functions custom-handler contract: readiness on <c>GET /</c>, and one
/// <c>POST /{FunctionName}</c> per timer with the host's <c>{Data, Metadata}</c> payload.
/// HTTP requests arrive forwarded unchanged, so <c>/api/*</c> needs nothing here.
/// </summary>
public static class CustomHandler
{
    public static WebApplication MapCustomHandler(this WebApplication app)
    {
        // Only the Functions host can reach these: it forwards nothing but /api/* from outside.
        if (!HostingOptions.IsHosted(app.Configuration))
        {
            return app;
        }
        app.MapGet("/", () => TypedResults.Ok(new HealthStatus("ready"))).ExcludeFromDescription();
        foreach (var definition in app.Services.GetServices<TimerDefinition>())
        {
            // A timer run may take as long as the host's functionTimeout allows.
            app.MapPost("/" + definition.Name, (HttpRequest request, TimerInvoker invoker, TimeProvider time, CancellationToken ct) =>
                InvokeTimerAsync(definition, request, invoker, time, ct)).ExcludeFromDescription().DisableRequestTimeout();
        }
        return app;
    }

    public static async Task<IResult> InvokeTimerAsync(TimerDefinition definition, HttpRequest request, TimerInvoker invoker, TimeProvider time, CancellationToken ct)
    {
        var run = await ReadTimerRunAsync(request, time, ct);
        await invoker.InvokeAsync(definition, run, ct);
        return TypedResults.Json(new InvocationResponse(new Dictionary<string, object?>(), [$"{definition.Name} completed"], null),
            InvocationResponse.SerializerOptions);
    }

    /// <summary>The host sends <c>{"Data":{"timer":{"ScheduleStatus":{...},"IsPastDue":false}},"Metadata":{...}}</c>; read it case-insensitively and tolerate absence.</summary>
    internal static async Task<TimerRun> ReadTimerRunAsync(HttpRequest request, TimeProvider time, CancellationToken ct)
    {
        var isPastDue = false;
        var scheduledFor = time.GetUtcNow();
        try
        {
            var payload = await JsonNode.ParseAsync(request.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }, cancellationToken: ct);
            if (payload?["data"] is JsonObject data)
            {
                foreach (var (_, binding) in data)
                {
                    var timer = binding is JsonValue v && v.TryGetValue<string>(out var text) ? JsonNode.Parse(text, new JsonNodeOptions { PropertyNameCaseInsensitive = true }) : binding;
                    if (timer?["isPastDue"] is JsonValue pastDue && pastDue.TryGetValue<bool>(out var b))
                    {
                        isPastDue = b;
                    }
                    if (timer?["scheduleStatus"]?["next"] is JsonValue next && next.TryGetValue<DateTimeOffset>(out var n) &&
                        timer?["scheduleStatus"]?["last"] is JsonValue last && last.TryGetValue<DateTimeOffset>(out var l) && l < n)
                    {
                        scheduledFor = l;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A missing or odd payload must not stop the timer: the schedule itself is what matters.
        }
        return new TimerRun(scheduledFor, isPastDue, "functions-host");
    }

    public sealed record InvocationResponse(Dictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue)
    {
        internal static readonly JsonSerializerOptions SerializerOptions = new() { PropertyNamingPolicy = null };
    }
}
