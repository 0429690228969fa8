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

    [ProductionSetting]
    public string FromAddress { get; set; } = "no-reply@exchange.local";

    public string FromName { get; set; } = "Exchange";

    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGridApiKey);
}
