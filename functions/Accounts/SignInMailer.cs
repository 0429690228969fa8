using System.Threading.Channels;
using System.Threading.RateLimiting;
using Exchange.Email;
using Exchange.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Accounts;

public sealed record SignInRequest(string Email, string? Language);

/// <summary>
/// Sign-in mails are composed off the request path: the HTTP answer is the same, in content
/// and in timing, whether or not the address belongs to an account.
/// </summary>
public sealed class SignInMailer(
    AccountStore store,
    IEmailSender email,
    IOptions<AccountsOptions> accounts,
    IOptions<SiteOptions> site,
    LocalLinks links,
    ILogger<SignInMailer> logger) : BackgroundService
{
    private readonly Channel<SignInRequest> _queue = Channel.CreateBounded<SignInRequest>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = accounts.Value.SignInMailsPerAddressPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public bool Enqueue(SignInRequest request) => _queue.Writer.TryWrite(request);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(request, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not send a sign-in link");
            }
        }
    }

    internal async Task SendAsync(SignInRequest request, CancellationToken ct)
    {
        using var lease = _perAddress.AttemptAcquire(request.Email);
        if (!lease.IsAcquired)
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
        await email.SendAsync(AccountMails.SignIn(request.Email, link, request.Language), ct);
        links.Print("Sign-in", request.Email, link);
    }

    public static Uri CompleteLink(SiteOptions site, string token) =>
        new(site.PublicBaseUrl, "/sign-in/complete?token=" + Uri.EscapeDataString(token));

    public override void Dispose()
    {
        _perAddress.Dispose();
        base.Dispose();
    }
}
