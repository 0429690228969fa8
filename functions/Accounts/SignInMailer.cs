using System.Text.Json;
using System.Threading.RateLimiting;
using Exchange.Common;
using Exchange.Email;
using Exchange.Hosting;
using Exchange.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Accounts;

public sealed record SignInRequest(string Email, string? Language);

/// <summary>
/// Sign-in mails are composed off the request path: the HTTP answer is the same, in content
/// and in timing, whether or not the address belongs to an account. The request is recorded as
/// pending work before the answer, so a link promised is sent even if storage or the mail
/// provider is out for a while, or the process restarts; and sent once (the outbox keeps one
/// message per request; see <see cref="PendingWork"/>).
/// </summary>
public sealed class SignInMailer(
    AccountStore store,
    IEmailSender email,
    PendingWork work,
    IOptions<AccountsOptions> accounts,
    IOptions<SiteOptions> site,
    LocalLinks links,
    ILogger<SignInMailer> logger) : IPendingWorkHandler, IDisposable
{
    public const string WorkKind = "sign-in";

    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = accounts.Value.SignInMailsPerAddressPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public string Kind => WorkKind;

    /// <summary>The link is worth sending while it could still be used.</summary>
    public Task AcceptAsync(SignInRequest request, CancellationToken ct) => work.AcceptAsync(WorkKind, request, accounts.Value.SignInLinkLifetime, ct);

    public Task HandleAsync(PendingWorkItem item, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<SignInRequest>(item.Payload, JsonDefaults.Options)!;
        return SendAsync(request, item.Id, countAgainstLimit: item.Attempts <= 1, ct);
    }

    internal async Task SendAsync(SignInRequest request, string deliveryId, bool countAgainstLimit, CancellationToken ct)
    {
        // A retry of the same request is not a new mail for the limit.
        using var lease = countAgainstLimit ? _perAddress.AttemptAcquire(request.Email) : null;
        if (lease is { IsAcquired: false })
        {
            logger.LogWarning("Sign-in mails for one address exceeded the hourly limit; request dropped");
            return;
        }
        var known = accounts.Value.IsCoordinator(request.Email) || await store.FindUserAsync(request.Email, ct) is not null;
        if (!known)
        {
            logger.LogInformation("Sign-in requested for an address without an account; no mail sent");
            return;
        }
        var token = await store.CreateSignInTokenAsync(request.Email, accounts.Value.SignInLinkLifetime, ct);
        var link = CompleteLink(site.Value, token);
        await email.SendAsync(AccountMails.SignIn(request.Email, link, request.Language) with { DeliveryId = deliveryId }, ct);
        links.Print("Sign-in", request.Email, link);
    }

    public static Uri CompleteLink(SiteOptions site, string token) =>
        new(site.PublicBaseUrl, "/sign-in/complete?token=" + Uri.EscapeDataString(token));

    public void Dispose() => _perAddress.Dispose();
}
