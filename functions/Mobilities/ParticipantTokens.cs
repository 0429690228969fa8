using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Hosting;
using Exchange.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Mobilities;

public enum TokenPurpose
{
    /// <summary>Read the visit and write the essay.</summary>
    Essay,
    /// <summary>Unsubscribe from reminders, and undo it.</summary>
    Unsubscribe,
    /// <summary>See one's registration for a twinning meeting, and cancel it.</summary>
    Attendance,
}

public enum TokenCheck
{
    Valid,
    /// <summary>Malformed, tampered with, or made for another purpose.</summary>
    Invalid,
    Expired,
}

public sealed record TokenResult(TokenCheck Check, string? MobilityId);

/// <summary>The links a participant's mail carries.</summary>
public sealed record ParticipantLinks(Uri EssayPage, Uri UnsubscribePage, Uri OneClickUnsubscribe);

/// <summary>
/// Signed links for participants, who have no account: <c>payload.mac</c>, where the payload
/// names the mobility, the purpose and the expiry, and the MAC is HMAC-SHA256 over it. Nothing
/// is stored per link, so the timer can mint them without touching storage once the key is loaded.
/// </summary>
public sealed class ParticipantTokens(
    IOptions<ParticipantsOptions> options, IOptions<SiteOptions> site, [FromKeyedServices(StorageNames.MetaTable)] TableClient meta, TimeProvider time)
{
    private const string Version = "v1";
    private readonly SigningKey _key = new(meta, "participants", () => options.Value.SigningKey);

    public async Task<string> CreateAsync(string mobilityId, TokenPurpose purpose, DateTimeOffset expires, CancellationToken ct)
    {
        var payload = $"{Version}|{mobilityId}|{Name(purpose)}|{expires.ToUnixTimeSeconds()}";
        return await _key.SignAsync(payload, ct);
    }

    public async Task<TokenResult> CheckAsync(string? token, TokenPurpose purpose, CancellationToken ct)
    {
        var invalid = new TokenResult(TokenCheck.Invalid, null);
        if (await _key.OpenAsync(token, 600, ct) is not { } payload)
        {
            return invalid;
        }
        var fields = payload.Split('|');
        if (fields.Length != 4 || fields[0] != Version || fields[2] != Name(purpose) || !long.TryParse(fields[3], out var expiry))
        {
            return invalid;
        }
        return DateTimeOffset.FromUnixTimeSeconds(expiry) <= time.GetUtcNow()
            ? new TokenResult(TokenCheck.Expired, fields[1])
            : new TokenResult(TokenCheck.Valid, fields[1]);
    }

    public async Task<ParticipantLinks> LinksAsync(string mobilityId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var essay = Uri.EscapeDataString(await CreateAsync(mobilityId, TokenPurpose.Essay, now + options.Value.EssayLinkLifetime, ct));
        var unsubscribe = Uri.EscapeDataString(await CreateAsync(mobilityId, TokenPurpose.Unsubscribe, now + options.Value.UnsubscribeLinkLifetime, ct));
        var root = site.Value.PublicBaseUrl;
        return new ParticipantLinks(
            new Uri(root, "/participants/essay?token=" + essay),
            new Uri(root, "/participants/unsubscribe?token=" + unsubscribe),
            new Uri(root, "/api/participants/unsubscribe?token=" + unsubscribe));
    }

    private static string Name(TokenPurpose purpose) => purpose.ToString().ToLowerInvariant();
}
