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

    /// <summary>
    /// The longest an API request may take while storage stalls; it then answers 503. Uploads,
    /// downloads and timer runs, which move or process a lot, are not bound by it.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest one table call, or one blob read, may wait for storage to begin its answer.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Once most calls in a few seconds have failed to reach storage, calls fail at once for this
    /// long (and answers say to retry after it); then one call tries again.
    /// </summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The Blob endpoint's origin ("https://account.blob.core.windows.net"), which the site's
    /// Content-Security-Policy must allow because browsers move files straight to and from it.
    /// Read from the settings alone, so no storage client has to be built for it.
    /// </summary>
    public string? BlobOrigin()
    {
        if (BlobServiceUri is not null)
        {
            return BlobServiceUri.GetLeftPart(UriPartial.Authority);
        }
        var parts = (ConnectionString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("BlobEndpoint", out var endpoint) && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return uri.GetLeftPart(UriPartial.Authority);
        }
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var isDevelopment) && isDevelopment)
        {
            return "http://127.0.0.1:10000";
        }
        return parts.TryGetValue("AccountName", out var account)
            ? $"{parts.GetValueOrDefault("DefaultEndpointsProtocol", "https")}://{account}.blob.{parts.GetValueOrDefault("EndpointSuffix", "core.windows.net")}"
            : null;
    }
}
