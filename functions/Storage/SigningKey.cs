using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Exchange.Common;

namespace Exchange.Storage;

/// <summary>
/// The key that signs one kind of link: the configured one, or else one generated once and kept in
/// <c>Meta</c> under <paramref name="partition"/>, so every instance signs and checks alike. Loaded
/// on first use and then held. The links it signs are <c>payload.mac</c>, both URL-safe base64,
/// the MAC HMAC-SHA256 over the payload; nothing is stored per link.
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

    /// <summary>The token of a link: the payload and its MAC.</summary>
    public async Task<string> SignAsync(string payload, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return $"{Secrets.Base64Url(bytes)}.{Secrets.Base64Url(HMACSHA256.HashData(await GetAsync(ct), bytes))}";
    }

    /// <summary>The payload of a token this key signed; null when the token is missing, longer than <paramref name="maxLength"/>, malformed or tampered with.</summary>
    public async Task<string?> OpenAsync(string? token, int maxLength, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > maxLength)
        {
            return null;
        }
        var parts = token.Trim().Split('.');
        if (parts.Length != 2 || Secrets.FromBase64Url(parts[0]) is not { } bytes || Secrets.FromBase64Url(parts[1]) is not { } mac ||
            !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(await GetAsync(ct), bytes), mac))
        {
            return null;
        }
        return Encoding.UTF8.GetString(bytes);
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
