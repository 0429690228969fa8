namespace Exchange.Hosting;

public sealed class HostingOptions
{
    /// <summary>Set by the Azure Functions host; its presence switches the app to hosted mode.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static bool IsHosted(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[PortVariable]);
}

public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>The public address of the site, used to build links in e-mails and to check Origin.</summary>
    [ProductionSetting]
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");

    /// <summary>The built static site served in standalone mode.</summary>
    public string WebRoot { get; set; } = "web/dist";

    /// <summary>Seeds demo organisations and a coordinator at start (local only).</summary>
    public bool SeedDemo { get; set; }
}
