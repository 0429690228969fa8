using Exchange.Common;
using System.Collections;
using System.Reflection;
using System.Text.Json;
using Exchange.Hosting;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Infra;

/// <summary>
/// The Azure deployment as compiled from infra/main.bicep: what it creates, who may reach what,
/// and that it configures everything the app needs in production.
/// </summary>
public sealed class ArmTemplateTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    /// <summary>
    /// Built-in roles whose actions include Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action,
    /// which signing a user-delegation SAS needs: Storage Blob Data Owner, Contributor, Reader, and Storage Blob Delegator.
    /// </summary>
    private static readonly string[] DelegationKeyRoles =
        [StorageBlobDataOwner, "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "db58b8e5-c6ad-4a2a-8342-4190687cbf4a"];

    [Fact]
    public async Task Templates_compile_and_lint_without_errors_or_warnings()
    {
        var template = await CompiledTemplate.LoadAsync();

        Assert.DoesNotContain(" : Warning ", template.BicepOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(" : Error ", template.BicepOutput, StringComparison.Ordinal);
        Assert.Contains("0 errors and 0 warnings", template.BicepOutput, StringComparison.Ordinal);
        Assert.Equal("subscription", SchemaScope(template.Root));
    }

    [Fact]
    public async Task Function_app_runs_the_custom_handler_on_a_Flex_Consumption_plan()
    {
        var template = await CompiledTemplate.LoadAsync();
        var plan = template.One("Microsoft.Web/serverfarms");
        var site = template.One("Microsoft.Web/sites");

        Assert.Equal("FC1", plan.Json.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.Json.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Contains("functionapp", site.Json.GetProperty("kind").GetString(), StringComparison.Ordinal);
        Assert.Equal($"[resourceId('Microsoft.Web/serverfarms', {Unwrap(plan.Name)})]", site.Properties.GetProperty("serverFarmId").GetString());

        var config = site.Properties.GetProperty("functionAppConfig");
        Assert.Equal("custom", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("1.0", config.GetProperty("runtime").GetProperty("version").GetString());
        var deployment = config.GetProperty("deployment").GetProperty("storage");
        Assert.Equal("blobContainer", deployment.GetProperty("type").GetString());
        Assert.Equal("UserAssignedIdentity", deployment.GetProperty("authentication").GetProperty("type").GetString());
        Assert.True(config.GetProperty("scaleAndConcurrency").TryGetProperty("instanceMemoryMB", out _));
        Assert.Equal("api", AzdServiceName(site));
    }

    [Fact]
    public async Task The_identity_holds_blob_and_table_data_roles_on_the_storage_account()
    {
        var template = await CompiledTemplate.LoadAsync();

        var onStorage = template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Json.GetProperty("scope").GetString()!.Contains("'Microsoft.Storage/storageAccounts'", StringComparison.Ordinal))
            .ToList();
        var roles = onStorage.Select(a => RoleGuid(a)).ToList();

        Assert.Contains(StorageBlobDataOwner, roles);
        Assert.Contains(StorageTableDataContributor, roles);
        foreach (var assignment in onStorage)
        {
            AssertAssignedToTheIdentity(assignment);
        }
    }

    [Fact]
    public async Task The_identity_may_get_user_delegation_keys_for_the_whole_account_to_sign_valet_keys()
    {
        var template = await CompiledTemplate.LoadAsync();

        // A delegation key is asked of the account, so the role must be held on the account itself (not a container).
        var onAccount = template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Json.GetProperty("scope").GetString() is "[format('Microsoft.Storage/storageAccounts/{0}', parameters('storageAccountName'))]"
                or "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]")
            .Where(a => DelegationKeyRoles.Contains(RoleGuid(a)))
            .ToList();

        Assert.NotEmpty(onAccount);
        Assert.All(onAccount, AssertAssignedToTheIdentity);
        Assert.False(template.One("Microsoft.Storage/storageAccounts").Properties.GetProperty("allowSharedKeyAccess").GetBoolean());
    }

    [Fact]
    public async Task Blob_storage_lets_the_site_alone_move_files_with_the_rule_the_app_sets_locally()
    {
        var template = await CompiledTemplate.LoadAsync();
        var blobService = template.One("Microsoft.Storage/storageAccounts/blobServices");
        var storage = template.Module("storage");

        var rule = Assert.Single(blobService.Properties.GetProperty("cors").GetProperty("corsRules").EnumerateArray());
        Assert.Equal("[parameters('corsOrigins')]", rule.GetProperty("allowedOrigins").GetString());
        var origins = storage.Json.GetProperty("properties").GetProperty("parameters").GetProperty("corsOrigins").GetProperty("value");
        var origin = Assert.Single(origins.EnumerateArray()).GetString()!;
        var web = template.Module("web");
        Assert.Matches(@"^\[reference\(.*'Microsoft\.Resources/deployments', 'web'\).*\)\.outputs\.url\.value\]$", origin);
        Assert.StartsWith("[format('https://{0}', reference(resourceId('Microsoft.Web/staticSites'", web.Output("url"), StringComparison.Ordinal);

        string List(string name) => string.Join(',', rule.GetProperty(name).EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(BlobCors.Methods, List("allowedMethods"));
        Assert.Equal(BlobCors.AllowedHeaders, List("allowedHeaders"));
        Assert.Equal(BlobCors.ExposedHeaders, List("exposedHeaders"));
        Assert.Equal(BlobCors.MaxAgeSeconds, rule.GetProperty("maxAgeInSeconds").GetInt32());
        Assert.DoesNotContain("*", List("allowedMethods") + List("allowedHeaders") + origin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_refuses_shared_keys_and_public_blobs_and_the_app_uses_its_identity()
    {
        var template = await CompiledTemplate.LoadAsync();
        var account = template.One("Microsoft.Storage/storageAccounts").Properties;
        var settings = template.AppSettings();
        var api = template.Module("api");

        Assert.False(account.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(account.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", account.GetProperty("minimumTlsVersion").GetString());

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("Storage__ConnectionString", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"].GetString());
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"].GetString());
        Assert.Equal("[parameters('identityClientId')]", settings["Storage__ManagedIdentityClientId"].GetString());
        Assert.Equal(("identity", "clientId"), api.ParameterSource("identityClientId"));
        Assert.Contains(".primaryEndpoints.blob]", settings["Storage__BlobServiceUri"].GetString(), StringComparison.Ordinal);
        Assert.Contains(".primaryEndpoints.table]", settings["Storage__TableServiceUri"].GetString(), StringComparison.Ordinal);
        Assert.Contains("'Microsoft.Insights/components'", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_static_web_app_proxies_api_to_the_function_app_and_is_the_public_address()
    {
        var template = await CompiledTemplate.LoadAsync();
        var site = template.One("Microsoft.Web/staticSites");
        var backend = template.One("Microsoft.Web/staticSites/linkedBackends");
        var functionApp = template.One("Microsoft.Web/sites");
        var web = template.Module("web");

        Assert.Equal("Standard", site.Json.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("web", AzdServiceName(site));

        // The backend is the function app that the api module creates.
        Assert.Equal("[resourceId('Microsoft.Web/sites', parameters('functionAppName'))]", backend.Properties.GetProperty("backendResourceId").GetString());
        var (module, output) = backend.Module!.ParameterSource("functionAppName");
        Assert.Equal(functionApp.Module!.Name, module);
        Assert.Equal(functionApp.Name, template.Module(module).Output(output));
        Assert.Equal(("web", "name"), backend.Module.ParameterSource("staticWebAppName"));

        // Links in mail and the Origin check use the static web app's own https address.
        Assert.Equal("[parameters('publicBaseUrl')]", template.AppSettings()["Site__PublicBaseUrl"].GetString());
        var (urlModule, urlOutput) = functionApp.Module.ParameterSource("publicBaseUrl");
        Assert.Equal("web", urlModule);
        Assert.StartsWith("[format('https://{0}', reference(resourceId('Microsoft.Web/staticSites'", web.Output(urlOutput), StringComparison.Ordinal);
        Assert.EndsWith(".defaultHostname)]", web.Output(urlOutput), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_SendGrid_key_is_a_Key_Vault_reference_resolved_with_the_user_assigned_identity()
    {
        var template = await CompiledTemplate.LoadAsync();
        var functionApp = template.One("Microsoft.Web/sites");
        var vault = template.One("Microsoft.KeyVault/vaults");
        var secret = template.One("Microsoft.KeyVault/vaults/secrets");
        var api = functionApp.Module!;

        Assert.Equal("[format('@Microsoft.KeyVault(SecretUri={0})', parameters('sendGridApiKeySecretUri'))]", template.AppSettings()["Email__SendGridApiKey"].GetString());
        var (module, output) = api.ParameterSource("sendGridApiKeySecretUri");
        Assert.Equal(vault.Module!.Name, module);
        Assert.Contains("'Microsoft.KeyVault/vaults/secrets'", template.Module(module).Output(output), StringComparison.Ordinal);
        Assert.EndsWith(".secretUri]", template.Module(module).Output(output), StringComparison.Ordinal);

        Assert.Equal("[parameters('identityId')]", functionApp.Properties.GetProperty("keyVaultReferenceIdentity").GetString());
        Assert.Equal(("identity", "id"), api.ParameterSource("identityId"));
        Assert.Equal("UserAssigned", functionApp.Json.GetProperty("identity").GetProperty("type").GetString());

        Assert.True(vault.Properties.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.Equal("securestring", template.Root.GetProperty("parameters").GetProperty("sendGridApiKey").GetProperty("type").GetString());
        Assert.Equal("[parameters('sendGridApiKey')]", secret.Properties.GetProperty("value").GetString());
        var secretsUser = Assert.Single(template.OfType("Microsoft.Authorization/roleAssignments"), a => RoleGuid(a) == KeyVaultSecretsUser);
        Assert.Contains("'Microsoft.KeyVault/vaults'", secretsUser.Json.GetProperty("scope").GetString(), StringComparison.Ordinal);
        AssertAssignedToTheIdentity(secretsUser);
    }

    [Fact]
    public async Task Every_setting_the_app_requires_in_production_is_set_by_the_template()
    {
        var template = await CompiledTemplate.LoadAsync();
        var settings = template.AppSettings();

        var required = ProductionSettingNames();

        Assert.NotEmpty(required);
        var missing = required.Where(name => !settings.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, "Not set by infra/app/function.bicep: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_app_setting_for_an_options_section_names_a_real_option()
    {
        var template = await CompiledTemplate.LoadAsync();
        var sections = OptionsTypes().ToDictionary(t => SectionOf(t), StringComparer.OrdinalIgnoreCase);

        var unknown = template.AppSettings().Keys
            .Select(name => name.Split("__"))
            .Where(parts => parts.Length > 1 && sections.ContainsKey(parts[0]))
            .Where(parts => sections[parts[0]].GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is null)
            .Select(parts => string.Join("__", parts))
            .ToList();

        Assert.True(unknown.Count == 0, "App settings that no options class reads: " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task The_template_creates_every_table_and_container_the_app_uses()
    {
        var template = await CompiledTemplate.LoadAsync();
        var storage = template.Module("storage");
        var variables = template.Root.GetProperty("variables");
        var tables = variables.GetProperty("storageTables").EnumerateArray().Select(t => t.GetString()).ToList();
        var containers = variables.GetProperty("storageContainers").EnumerateArray().Select(c => c.GetString()).ToList();

        Assert.Equal("[variables('storageTables')]", storage.Parameter("tables").GetString());
        Assert.StartsWith("[concat(variables('storageContainers'), ", storage.Parameter("containers").GetString(), StringComparison.Ordinal);
        Assert.All(StorageNames.Tables, table => Assert.Contains(table, tables));
        Assert.All(StorageNames.Containers, container => Assert.Contains(container, containers));
        Assert.Single(template.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"), t => t.Json.TryGetProperty("copy", out _));
    }

    [Fact]
    public async Task Every_template_parameter_without_a_default_comes_from_the_azd_environment()
    {
        var template = await CompiledTemplate.LoadAsync();
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "infra", "main.parameters.json")));
        var supplied = file.RootElement.GetProperty("parameters");

        var required = template.Root.GetProperty("parameters").EnumerateObject()
            .Where(p => !p.Value.TryGetProperty("defaultValue", out _))
            .Select(p => p.Name)
            .ToList();

        Assert.Contains("coordinatorEmail", required);
        Assert.All(required, name => Assert.True(supplied.TryGetProperty(name, out _), $"{name} is not in infra/main.parameters.json"));
        Assert.Equal("${EXCHANGE_COORDINATOR_EMAIL}", supplied.GetProperty("coordinatorEmail").GetProperty("value").GetString());
        Assert.Equal("${SENDGRID_API_KEY}", supplied.GetProperty("sendGridApiKey").GetProperty("value").GetString());
    }

    /// <summary>
    /// Section__Property for every property marked [ProductionSetting] on a class with a
    /// <c>Section</c> constant; collections are configured from their first element (__0).
    /// </summary>
    private static List<string> ProductionSettingNames() =>
        OptionsTypes()
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.IsDefined(typeof(ProductionSettingAttribute)))
                .Select(p => $"{SectionOf(type)}__{p.Name}" + (IsCollection(p.PropertyType) ? "__0" : "")))
            .ToList();

    private static IEnumerable<Type> OptionsTypes() =>
        typeof(ProductionSettingAttribute).Assembly.GetTypes()
            .Where(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string));

    private static string SectionOf(Type type) => (string)type.GetField("Section")!.GetRawConstantValue()!;

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static string RoleGuid(ArmResource assignment)
    {
        var id = assignment.Properties.GetProperty("roleDefinitionId").GetString()!;
        Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '", id, StringComparison.Ordinal);
        return id.Split('\'')[3];
    }

    /// <summary>The assignment's principal is the identity module's principal, and its name is guid(scope, principal, role).</summary>
    private static void AssertAssignedToTheIdentity(ArmResource assignment)
    {
        var principal = assignment.Properties.GetProperty("principalId").GetString()!;
        Assert.Equal("[parameters('identityPrincipalId')]", principal);
        Assert.Equal(("identity", "principalId"), assignment.Module!.ParameterSource("identityPrincipalId"));
        Assert.Equal("ServicePrincipal", assignment.Properties.GetProperty("principalType").GetString());

        var scope = Unwrap(assignment.Json.GetProperty("scope").GetString()!);
        Assert.Equal($"[guid({scope}, {Unwrap(principal)}, '{RoleGuid(assignment)}')]", assignment.Name);
    }

    private static string AzdServiceName(ArmResource resource)
    {
        var tags = resource.Module!.Parameter("tags").GetString()!;
        var match = System.Text.RegularExpressions.Regex.Match(tags, @"createObject\('azd-service-name', '(?<name>[^']+)'\)");
        Assert.True(match.Success, $"No azd-service-name tag on {resource.Type}: {tags}");
        Assert.Equal("[parameters('tags')]", resource.Json.GetProperty("tags").GetString());
        return match.Groups["name"].Value;
    }

    private static string SchemaScope(JsonElement root) =>
        root.GetProperty("$schema").GetString()!.Contains("subscriptionDeploymentTemplate", StringComparison.Ordinal) ? "subscription" : "other";

    /// <summary>"[expr]" → "expr".</summary>
    private static string Unwrap(string expression) =>
        expression.StartsWith('[') && expression.EndsWith(']') ? expression[1..^1] : expression;
}
