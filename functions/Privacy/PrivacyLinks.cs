using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Hosting;
using Exchange.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Privacy;

public enum PrivacyPurpose
{
    /// <summary>See one's data, download it, and ask for erasure.</summary>
    Access,
    /// <summary>Confirm an erasure, from the mail sent to the address.</summary>
    Erase,
}

public enum PrivacyLinkCheck
{
    Valid,
    Invalid,
    Expired,
}

public sealed record PrivacyLinkResult(PrivacyLinkCheck Check, string? Email);

/// <summary>
/// Signed links to a person's data, in the scheme of the participants' links: <c>payload.mac</c>,
/// the payload naming the purpose, the address and the expiry, the MAC HMAC-SHA256 over it with a
/// key of this area's own. Nothing is stored per link, so an erased person leaves nothing behind.
/// </summary>
public sealed class PrivacyLinks(
    IOptions<PrivacyOptions> options, IOptions<SiteOptions> site, [FromKeyedServices(StorageNames.MetaTable)] TableClient meta, TimeProvider time)
{
    private const string Version = "p1";
    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    public async Task<Uri> AccessPageAsync(string email, CancellationToken ct) =>
        new(site.Value.PublicBaseUrl, "/privacy/mine?token=" + Uri.EscapeDataString(await CreateAsync(email, PrivacyPurpose.Access, options.Value.AccessLinkLifetime, ct)));

    public async Task<Uri> ErasurePageAsync(string email, CancellationToken ct) =>
        new(site.Value.PublicBaseUrl, "/privacy/erase?token=" + Uri.EscapeDataString(await CreateAsync(email, PrivacyPurpose.Erase, options.Value.ErasureLinkLifetime, ct)));

    public async Task<string> CreateAsync(string email, PrivacyPurpose purpose, TimeSpan lifetime, CancellationToken ct)
    {
        var expires = (time.GetUtcNow() + lifetime).ToUnixTimeSeconds();
        var payload = $"{Version}|{Name(purpose)}|{Secrets.Base64Url(Encoding.UTF8.GetBytes(email))}|{expires}";
        var bytes = Encoding.UTF8.GetBytes(payload);
        return $"{Secrets.Base64Url(bytes)}.{Secrets.Base64Url(HMACSHA256.HashData(await KeyAsync(ct), bytes))}";
    }

    public async Task<PrivacyLinkResult> CheckAsync(string? token, PrivacyPurpose purpose, CancellationToken ct)
    {
        var invalid = new PrivacyLinkResult(PrivacyLinkCheck.Invalid, null);
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return invalid;
        }
        var parts = token.Trim().Split('.');
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { } bytes || FromBase64Url(parts[1]) is not { } mac ||
            !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(await KeyAsync(ct), bytes), mac))
        {
            return invalid;
        }
        var fields = Encoding.UTF8.GetString(bytes).Split('|');
        if (fields.Length != 4 || fields[0] != Version || fields[1] != Name(purpose) || FromBase64Url(fields[2]) is not { } address ||
            !long.TryParse(fields[3], out var expiry))
        {
            return invalid;
        }
        var email = Encoding.UTF8.GetString(address);
        return DateTimeOffset.FromUnixTimeSeconds(expiry) <= time.GetUtcNow()
            ? new PrivacyLinkResult(PrivacyLinkCheck.Expired, null)
            : new PrivacyLinkResult(PrivacyLinkCheck.Valid, email);
    }

    private static string Name(PrivacyPurpose purpose) => purpose.ToString().ToLowerInvariant();

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is { } key)
        {
            return key;
        }
        await _loading.WaitAsync(ct);
        try
        {
            return _key ??= string.IsNullOrEmpty(options.Value.SigningKey) ? await StoredKeyAsync(ct) : Encoding.UTF8.GetBytes(options.Value.SigningKey);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The generated key: the first instance to insert it wins, every other reads the winner's.</summary>
    private async Task<byte[]> StoredKeyAsync(CancellationToken ct)
    {
        var found = await meta.GetEntityIfExistsAsync<TableEntity>("privacy", "signing-key", cancellationToken: ct);
        if (!found.HasValue)
        {
            try
            {
                await meta.AddEntityAsync(new TableEntity("privacy", "signing-key") { ["Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }
            found = await meta.GetEntityIfExistsAsync<TableEntity>("privacy", "signing-key", cancellationToken: ct);
        }
        return Convert.FromBase64String(found.Value!.GetString("Key"));
    }

    private static byte[]? FromBase64Url(string text)
    {
        if (text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }
        try
        {
            return Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
