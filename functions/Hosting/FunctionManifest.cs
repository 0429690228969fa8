using System.Text.Json;
using System.Text.Json.Nodes;

namespace Exchange.Hosting;

/// <summary>
/// Builds the <c>function.json</c> files of the deployable folder from the timer definitions in
/// code, plus the one forwarding HTTP function. The publish step writes them; a test compares.
/// </summary>
public static class FunctionManifest
{
    public const string HttpFunctionName = "api";

    public static IReadOnlyDictionary<string, JsonObject> Build(IEnumerable<TimerDefinition> timers)
    {
        var functions = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal)
        {
            [HttpFunctionName] = new JsonObject
            {
                ["bindings"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "httpTrigger",
                        ["direction"] = "in",
                        ["name"] = "req",
                        ["authLevel"] = "anonymous",
                        ["methods"] = new JsonArray("get", "post", "put", "patch", "delete", "head", "options"),
                        ["route"] = "{*path}",
                    },
                    new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
            },
        };
        foreach (var timer in timers)
        {
            functions[timer.Name] = new JsonObject
            {
                ["bindings"] = new JsonArray(new JsonObject
                {
                    ["type"] = "timerTrigger",
                    ["direction"] = "in",
                    ["name"] = "timer",
                    ["schedule"] = timer.Schedule,
                    ["runOnStartup"] = false,
                    ["useMonitor"] = true,
                }),
            };
        }
        return functions;
    }

    public static void Write(string outputDirectory, IEnumerable<TimerDefinition> timers)
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        foreach (var (name, json) in Build(timers))
        {
            var folder = Path.Combine(outputDirectory, name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), json.ToJsonString(options) + "\n");
        }
    }
}
