using Exchange.Hosting;

namespace Exchange.Storage;

/// <summary>
/// Either a connection string (Azurite, local) or service URIs reached with
/// <c>DefaultAzureCredential</c> (Azure, managed identity, no keys).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    [ProductionSetting]
    public Uri? BlobServiceUri { get; set; }

    [ProductionSetting]
    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity, when one is used.</summary>
    [ProductionSetting]
    public string? ManagedIdentityClientId { get; set; }
}
