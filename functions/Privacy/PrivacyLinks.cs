using System.Text;
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
    private readonly SigningKey _key = new(meta, "privacy", () => options.Value.SigningKey);

    public async Task<Uri> AccessPageAsync(string email, CancellationToken ct) =>
        new(site.Value.PublicBaseUrl, "/privacy/mine?token=" + Uri.EscapeDataString(await CreateAsync(email, PrivacyPurpose.Access, options.Value.AccessLinkLifetime, ct)));

    public async Task<Uri> ErasurePageAsync(string email, CancellationToken ct) =>
        new(site.Value.PublicBaseUrl, "/privacy/erase?token=" + Uri.EscapeDataString(await CreateAsync(email, PrivacyPurpose.Erase, options.Value.ErasureLinkLifetime, ct)));

    public async Task<string> CreateAsync(string email, PrivacyPurpose purpose, TimeSpan lifetime, CancellationToken ct)
    {
        var expires = (time.GetUtcNow() + lifetime).ToUnixTimeSeconds();
        var payload = $"{Version}|{Name(purpose)}|{Secrets.Base64Url(Encoding.UTF8.GetBytes(email))}|{expires}";
        return await _key.SignAsync(payload, ct);
    }

    public async Task<PrivacyLinkResult> CheckAsync(string? token, PrivacyPurpose purpose, CancellationToken ct)
    {
        var invalid = new PrivacyLinkResult(PrivacyLinkCheck.Invalid, null);
        if (await _key.OpenAsync(token, 1000, ct) is not { } payload)
        {
            return invalid;
        }
        var fields = payload.Split('|');
        if (fields.Length != 4 || fields[0] != Version || fields[1] != Name(purpose) || Secrets.FromBase64Url(fields[2]) is not { } address ||
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
}
