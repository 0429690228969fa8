namespace Exchange.Twinning;

/// <summary>The twinning rules' numbers, bound from the <c>Twinning</c> section.</summary>
public sealed class TwinningOptions
{
    public const string Section = "Twinning";

    /// <summary>Days before an in-person meeting of the reminder that carries the calendar file with the place.</summary>
    public int InPersonReminderDaysBefore { get; set; } = 7;

    /// <summary>Days before any meeting of the last reminder (with the join link for an online one).</summary>
    public int LastReminderDaysBefore { get; set; } = 1;

    /// <summary>Longest in-person meeting, first and last day included.</summary>
    public int MaxMeetingDays { get; set; } = 14;

    /// <summary>Longest online session.</summary>
    public int MaxOnlineMinutes { get; set; } = 12 * 60;

    /// <summary>People one request may register at once (a table batch holds 100 entities, the seat counter included).</summary>
    public int MaxAttendeesPerRequest { get; set; } = 50;

    /// <summary>How long the link in an attendee's mail lets them cancel their attendance or stop the reminders.</summary>
    public TimeSpan AttendanceLinkLifetime { get; set; } = TimeSpan.FromDays(400);
}
