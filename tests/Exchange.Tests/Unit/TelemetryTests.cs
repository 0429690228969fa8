using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Exchange.Tests.Unit;

public sealed class TelemetryTests
{
    private sealed class WithApplicationInsights : ExchangeFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // A loopback endpoint that nothing answers: the exporter is configured but sends nowhere.
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        };
    }

    [Fact]
    public void Telemetry_goes_to_application_insights_only_when_its_connection_string_is_set()
    {
        using var configured = new WithApplicationInsights();
        Assert.NotNull(configured.Services.GetService<TracerProvider>());

        using var local = new ExchangeFactory();
        Assert.Null(local.Services.GetService<TracerProvider>());
    }
}
