namespace Exchange.Reminders;

/// <summary>
/// The reminder policy's numbers. Every default here is the policy the partnership agreed and
/// is pinned by a test; change them per installation through the <c>Reminders</c> section.
/// </summary>
public sealed class RemindersOptions
{
    public const string Section = "Reminders";

    /// <summary>"Prepare your visit": host details, programme and a calendar file.</summary>
    public int PrepareDaysBefore { get; set; } = 14;

    /// <summary>A short reminder with the host contact.</summary>
    public int SoonDaysBefore { get; set; } = 2;

    /// <summary>"Write your essay", with a signed link.</summary>
    public int EssayRequestDaysAfter { get; set; } = 1;

    /// <summary>A reminder when no essay has arrived.</summary>
    public int EssayReminderDaysAfter { get; set; } = 7;

    /// <summary>The last reminder; the sending organisation's editors and the coordinators get a copy.</summary>
    public int EssayLastDaysAfter { get; set; } = 14;

    /// <summary>Local time of day, in the participant's home country, at which reminders go out.</summary>
    public TimeOnly SendAt { get; set; } = new(8, 0);

    /// <summary>An after-visit reminder not sent within this time of its due moment is expired rather than sent late.</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Attempts at sending before a reminder is marked failed for the coordinator to retry.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; doubled for each further attempt, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a run owns a claimed reminder; a run that dies is replaced once its claim expires.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Reminders one run handles at most; the rest stay due for the next run.</summary>
    public int MaxPerRun { get; set; } = 2000;

    /// <summary>Reminders sent at once within a run.</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>The coordinator's preview looks this far ahead.</summary>
    public int PreviewDays { get; set; } = 30;
}
