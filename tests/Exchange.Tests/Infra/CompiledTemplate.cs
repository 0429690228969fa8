using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled to ARM JSON once per run by the repository's own script
/// (tools/bicep.sh, which also lints and fails on any warning), with the resources of every
/// module flattened so a test can find them by type.
/// </summary>
public sealed partial class CompiledTemplate
{
    private static readonly Lazy<Task<CompiledTemplate>> Compiled = new(CompileAsync);

    private CompiledTemplate(JsonElement root, string bicepOutput)
    {
        Root = root;
        BicepOutput = bicepOutput;
        Resources = Flatten(root, module: null).ToList();
    }

    public static Task<CompiledTemplate> LoadAsync() => Compiled.Value;

    public JsonElement Root { get; }

    /// <summary>What tools/bicep.sh printed.</summary>
    public string BicepOutput { get; }

    public IReadOnlyList<ArmResource> Resources { get; }

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public ArmResource One(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type} in the template, found {matches.Count}.");
        return matches[0];
    }

    public ArmModule Module(string name) =>
        new(name, One("Microsoft.Resources/deployments", name).Json);

    private ArmResource One(string type, string name) =>
        Assert.Single(OfType(type), r => r.Json.GetProperty("name").GetString() == name);

    /// <summary>The function app's settings by name; the template writes them as a {name, value} array.</summary>
    public IReadOnlyDictionary<string, JsonElement> AppSettings()
    {
        var site = One("Microsoft.Web/sites");
        var settings = site.Properties.GetProperty("siteConfig").GetProperty("appSettings");
        Assert.Equal(JsonValueKind.Array, settings.ValueKind);
        return settings.EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value"));
    }

    private static IEnumerable<ArmResource> Flatten(JsonElement template, ArmModule? module)
    {
        var resources = template.GetProperty("resources");
        // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
        var items = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => p.Value)
            : resources.EnumerateArray();
        foreach (var resource in items)
        {
            var item = new ArmResource(resource, module);
            yield return item;
            if (item.Type == "Microsoft.Resources/deployments" && resource.GetProperty("properties").TryGetProperty("template", out var nested))
            {
                foreach (var inner in Flatten(nested, new ArmModule(resource.GetProperty("name").GetString()!, resource)))
                {
                    yield return inner;
                }
            }
        }
    }

    private static async Task<CompiledTemplate> CompileAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "exchange-infra-" + Guid.NewGuid().ToString("N")[..8], "main.json");
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(Repository.Root, "tools", "bicep.sh"), output },
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await stdout + await stderr;
        if (process.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"tools/bicep.sh failed with exit code {process.ExitCode}:\n{printed}");
        }
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        return new CompiledTemplate(document.RootElement.Clone(), printed);
    }

    /// <summary>reference(... 'Microsoft.Resources/deployments', 'module') ...).outputs.name.value</summary>
    [GeneratedRegex(@"'Microsoft\.Resources/deployments', '(?<module>[^']+)'\), '[^']+'\)\.outputs\.(?<output>\w+)\.value\]$")]
    internal static partial Regex ModuleOutputReference();
}

public sealed record ArmResource(JsonElement Json, ArmModule? Module)
{
    public string Type => Json.GetProperty("type").GetString()!;

    public JsonElement Properties => Json.GetProperty("properties");

    public string Name => Json.GetProperty("name").GetString()!;
}

/// <summary>A Bicep module: a nested deployment with the parameters main.bicep passes to it.</summary>
public sealed record ArmModule(string Name, JsonElement Json)
{
    public JsonElement Parameter(string name) =>
        Json.GetProperty("properties").GetProperty("parameters").GetProperty(name).GetProperty("value");

    /// <summary>Which module's output feeds the given parameter, e.g. ("identity", "principalId").</summary>
    public (string Module, string Output) ParameterSource(string name)
    {
        var expression = Parameter(name).GetString() ?? "";
        var match = CompiledTemplate.ModuleOutputReference().Match(expression);
        Assert.True(match.Success, $"Parameter {name} of module {Name} is not another module's output: {expression}");
        return (match.Groups["module"].Value, match.Groups["output"].Value);
    }

    public string Output(string name) =>
        Json.GetProperty("properties").GetProperty("template").GetProperty("outputs").GetProperty(name).GetProperty("value").GetString()!;
}
