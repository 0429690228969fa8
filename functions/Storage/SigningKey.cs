using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Exchange.Storage;

/// <summary>
/// The key that signs one kind of link: the configured one, or else one generated once and kept in
/// <c>Meta</c> under <paramref name="partition"/>, so every instance signs and checks alike. Loaded
/// on first use and then held.
/// </summary>
public sealed class SigningKey(TableClient meta, string partition, Func<string?> configured)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    public async Task<byte[]> GetAsync(CancellationToken ct)
    {
        if (_key is { } key)
        {
            return key;
        }
        await _loading.WaitAsync(ct);
        try
        {
            return _key ??= configured() is { Length: > 0 } text ? Encoding.UTF8.GetBytes(text) : await StoredAsync(ct);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The generated key: the first instance to insert it wins, every other reads the winner's.</summary>
    private async Task<byte[]> StoredAsync(CancellationToken ct)
    {
        var found = await meta.GetEntityIfExistsAsync<TableEntity>(partition, "signing-key", cancellationToken: ct);
        if (!found.HasValue)
        {
            try
            {
                await meta.AddEntityAsync(new TableEntity(partition, "signing-key") { ["Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }
            found = await meta.GetEntityIfExistsAsync<TableEntity>(partition, "signing-key", cancellationToken: ct);
        }
        return Convert.FromBase64String(found.Value!.GetString("Key"));
    }
}
