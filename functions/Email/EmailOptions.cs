using Exchange.Hosting;

namespace Exchange.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>When empty, mail goes to the local outbox container instead of SendGrid.</summary>
    [ProductionSetting]
    public string? SendGridApiKey { get; set; }

    /// <summary>Overrides the SendGrid API host; tests point it at a fake server on loopback.</summary>
    public string? SendGridHost { get; set; }

    /// <summary>How long one SendGrid call may take; a timeout counts as a transient failure and is retried.</summary>
    public TimeSpan SendGridTimeout { get; set; } = TimeSpan.FromSeconds(15);

    [ProductionSetting]
    public string FromAddress { get; set; } = "no-reply@exchange.local";

    public string FromName { get; set; } = "Exchange";

    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGridApiKey);
}
