using Exchange.Hosting;

namespace Exchange.Accounts;

public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Addresses that sign in as coordinators; the first coordinator comes from here.</summary>
    [ProductionSetting]
    public List<string> CoordinatorEmails { get; set; } = [];

    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Sign-in requests accepted per client address per minute.</summary>
    public int SignInRequestsPerMinute { get; set; } = 10;

    /// <summary>Sign-in mails sent per e-mail address per hour; extra requests are silently dropped.</summary>
    public int SignInMailsPerAddressPerHour { get; set; } = 5;

    public bool IsCoordinator(string email) =>
        CoordinatorEmails.Any(c => string.Equals(c.Trim(), email, StringComparison.OrdinalIgnoreCase));
}
