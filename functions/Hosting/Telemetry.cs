using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Exchange.Hosting;

public static class Telemetry
{
    /// <summary>The setting Azure sets on a function app linked to Application Insights.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Traces, metrics and logs go to Application Insights through OpenTelemetry when its
    /// connection string is set; otherwise logs stay on the console and nothing else is collected.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder;
        }
        builder.Logging.AddOpenTelemetry(logs =>
        {
            logs.IncludeFormattedMessage = true;
            logs.AddAzureMonitorLogExporter(o => o.ConnectionString = connectionString);
        });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("exchange-api"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource("Azure.*")
                .AddAzureMonitorTraceExporter(o => o.ConnectionString = connectionString))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddAzureMonitorMetricExporter(o => o.ConnectionString = connectionString));
        return builder;
    }
}
