namespace Exchange.Mobilities;

public sealed class ParticipantsOptions
{
    public const string Section = "Participants";

    /// <summary>
    /// Key for the participants' signed links (HMAC-SHA256), at least 32 characters. When empty,
    /// one is generated once and kept in the Meta table, so every instance signs alike.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long the essay link in an after-visit reminder works.</summary>
    public TimeSpan EssayLinkLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>How long the unsubscribe link in a reminder works.</summary>
    public TimeSpan UnsubscribeLinkLifetime { get; set; } = TimeSpan.FromDays(365);

    public int EssayMinLength { get; set; } = 50;

    public int EssayMaxLength { get; set; } = 10_000;
}

public sealed class MobilitiesOptions
{
    public const string Section = "Mobilities";

    /// <summary>Professionals each partner hosts over the project.</summary>
    public int HostTarget { get; set; } = 6;

    /// <summary>First day of the project period the quota counts; empty counts from the beginning.</summary>
    public DateOnly? ProjectStart { get; set; }

    /// <summary>Last day of the project period the quota counts; empty counts to the end.</summary>
    public DateOnly? ProjectEnd { get; set; }

    /// <summary>The longest visit, in days (first and last day included).</summary>
    public int MaxDays { get; set; } = 30;
}
