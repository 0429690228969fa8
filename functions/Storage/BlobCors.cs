using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Exchange.Storage;

/// <summary>
/// The cross-origin rule the browser needs to move files straight to and from Blob storage: the
/// site's origin only; PUT for blocks and the block list, GET and HEAD for reading; the request
/// headers the upload sends and the response headers it reads. infra/app/storage.bicep sets the
/// same rule in Azure (a test compares them); locally the app sets it at start.
/// </summary>
public static class BlobCors
{
    public const string Methods = "GET,HEAD,PUT";
    public const string AllowedHeaders = "content-type,x-ms-blob-content-type,x-ms-version,x-ms-client-request-id";
    public const string ExposedHeaders = "etag,x-ms-request-id,x-ms-error-code";
    public const int MaxAgeSeconds = 3600;

    private const int MaxAttempts = 5;

    /// <summary>"https://example.org" for any URL of that site.</summary>
    public static string OriginOf(Uri url) => url.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// Adds <paramref name="origin"/> to the account's rule, keeping any other rule and origin (in
    /// tests several apps with their own origins share one Azurite). Service properties have no
    /// ETag, so two apps starting at once could overwrite each other's change: the rule is read
    /// back and written again until it holds our origin.
    /// </summary>
    public static async Task EnsureAsync(BlobServiceClient blobs, string origin, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var properties = (await blobs.GetPropertiesAsync(ct)).Value;
            var rules = properties.Cors?.ToList() ?? [];
            if (Allows(rules, origin))
            {
                return;
            }
            if (rules.FirstOrDefault(IsOurs) is { } ours)
            {
                ours.AllowedOrigins = string.Join(',', Origins(ours).Append(origin));
            }
            else
            {
                rules.Add(new BlobCorsRule
                {
                    AllowedOrigins = origin, AllowedMethods = Methods, AllowedHeaders = AllowedHeaders, ExposedHeaders = ExposedHeaders, MaxAgeInSeconds = MaxAgeSeconds,
                });
            }
            // The other settings (logging, metrics, retention) go back as they were read.
            properties.Cors = rules;
            await blobs.SetPropertiesAsync(properties, ct);
            // A real pause, whatever clock the app runs on: another app's write may still be on its way.
            await Task.Delay(Random.Shared.Next(20, 200), ct);
        }
        if (!Allows((await blobs.GetPropertiesAsync(ct)).Value.Cors, origin))
        {
            throw new RequestFailedException($"The Blob service's CORS rules did not keep the origin {origin} after {MaxAttempts} attempts.");
        }
    }

    /// <summary>Whether one of <paramref name="rules"/> is ours and names <paramref name="origin"/>.</summary>
    public static bool Allows(IEnumerable<BlobCorsRule>? rules, string origin) =>
        (rules ?? []).Any(r => IsOurs(r) && Origins(r).Contains(origin, StringComparer.OrdinalIgnoreCase));

    private static bool IsOurs(BlobCorsRule rule) =>
        Same(rule.AllowedMethods, Methods) && Same(rule.AllowedHeaders, AllowedHeaders) && Same(rule.ExposedHeaders, ExposedHeaders);

    private static IEnumerable<string> Origins(BlobCorsRule rule) => Split(rule.AllowedOrigins);

    private static bool Same(string? a, string b) => Split(a).Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(Split(b).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Split(string? list) => (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
