using Azure;
using Azure.Data.Tables;

namespace Exchange.Storage;

/// <summary>
/// Markers in the Meta table that make a piece of work happen once (a digest a week, a day) however
/// many runs or instances meet: the run that adds the marker does the work, any other finds it
/// there and leaves it. The marker goes in before the work, so a crash between them skips the work
/// rather than doing it twice.
/// </summary>
public static class OnceMarkers
{
    /// <summary>True when this caller added the marker; false when another run had.</summary>
    public static async Task<bool> ClaimAsync(this TableClient meta, string partition, string key, DateTimeOffset at, CancellationToken ct)
    {
        try
        {
            await meta.AddEntityAsync(new TableEntity(partition, key) { ["SentAt"] = at }, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
