using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Hosting;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Contract;

/// <summary>Starts the published app once, in hosted mode, for every contract test in this class.</summary>
public sealed class HostedAppFixture : IAsyncLifetime
{
    public ChildProcess Process { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public string Folder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var azurite = await Azurite.InstanceAsync();
        Folder = await PublishedApp.FolderAsync();
        (Process, Client) = await PublishedApp.StartHostedAsync(azurite, new Dictionary<string, string> { ["Accounts__CoordinatorEmails__0"] = "coordinator@contract.test" });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }
}

public sealed class CustomHandlerContractTests(HostedAppFixture app) : IClassFixture<HostedAppFixture>
{
    [Fact]
    public async Task Readiness_probe_on_root_answers_200()
    {
        var response = await app.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_forwarded_api_request_is_routed_by_the_app_with_its_api_prefix()
    {
        var organisations = await app.Client.GetAsync("/api/organisations");
        Assert.Equal(HttpStatusCode.OK, organisations.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await organisations.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);

        var bad = await app.Client.PostAsync("/api/auth/sign-in", new StringContent("{\"email\":\"nope\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_timer_invocation_with_the_hosts_payload_answers_the_invocation_response()
    {
        var payload = """
        {
          "Data": {
            "timer": {
              "Schedule": { "AdjustForDST": true },
              "ScheduleStatus": { "Last": "2026-11-22T02:30:00+00:00", "Next": "2026-11-23T02:30:00+00:00", "LastUpdated": "2026-11-22T02:30:00+00:00" },
              "IsPastDue": false
            }
          },
          "Metadata": {
            "sys": { "MethodName": "PurgeExpiredTokens", "UtcNow": "2026-11-23T02:30:00.0123456Z", "RandGuid": "6f1f3c3e-4f3c-4a7e-9c2a-0d6b1b1f9e11" }
          }
        }
        """;
        var response = await app.Client.PostAsync("/PurgeExpiredTokens", new StringContent(payload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(JsonValueKind.Object, body["Outputs"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Array, body["Logs"]!.GetValueKind());
        Assert.True(body.ContainsKey("ReturnValue"));
        Assert.Null(body["ReturnValue"]);
    }

    [Fact]
    public async Task Hosted_mode_serves_no_site_pages_that_belong_to_static_web_apps()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/partners")).StatusCode);
    }

    [Fact]
    public async Task The_published_folder_has_host_json_and_exactly_the_functions_the_code_declares()
    {
        using var factory = new ExchangeFactory();
        var expected = FunctionManifest.Build(factory.Services.GetServices<TimerDefinition>());

        var folders = Directory.GetDirectories(app.Folder).Where(d => File.Exists(Path.Combine(d, "function.json"))).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(expected.Keys.Order().ToArray(), folders);
        foreach (var (name, json) in expected)
        {
            var written = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.Folder, name, "function.json")));
            Assert.True(JsonNode.DeepEquals(json, written), $"{name}/function.json differs from the code");
        }

        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.Folder, "host.json")))!;
        Assert.True(hostJson["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.True(File.Exists(Path.Combine(app.Folder, hostJson["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>())));
    }
}
