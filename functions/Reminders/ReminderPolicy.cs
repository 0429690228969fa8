using Exchange.Common;
using System.Globalization;
using System.Text.Json;

namespace Exchange.Reminders;

/// <summary>One row of the policy applied to one visit: when it is due and until when it is still worth sending.</summary>
public sealed record PlannedReminder(ReminderKind Kind, DateTimeOffset DueAt, DateTimeOffset Deadline)
{
    public string Id => ReminderPolicy.IdFor(Kind, DueAt);
}

/// <summary>
/// The reminder policy, as pure functions:
/// <list type="table">
/// <item><term>14 days before the start</term><description>prepare your visit: host details, programme, calendar file</description></item>
/// <item><term>2 days before</term><description>a short reminder with the host contact</description></item>
/// <item><term>the day after the end</term><description>write your essay, with a signed link</description></item>
/// <item><term>7 days after</term><description>a reminder, if no essay yet</description></item>
/// <item><term>14 days after</term><description>the last reminder; the sending organisation's editors and the coordinators get a copy</description></item>
/// </list>
/// Each goes out at 08:00 local time of the participant's home country. A reminder before the
/// visit is useless once the visit has started; one after it expires <see cref="RemindersOptions.ExpireAfter"/> after its due moment.
/// </summary>
public static class ReminderPolicy
{
    public static IReadOnlyList<PlannedReminder> Plan(DateOnly start, DateOnly end, string homeCountry, RemindersOptions options)
    {
        var zone = HomeTimeZones.For(homeCountry);
        DateTimeOffset At(DateOnly date) => HomeTimeZones.ToUtc(date, options.SendAt, zone);
        var visitStarts = HomeTimeZones.ToUtc(start, TimeOnly.MinValue, zone);
        PlannedReminder After(ReminderKind kind, int days)
        {
            var due = At(end.AddDays(days));
            return new PlannedReminder(kind, due, due + options.ExpireAfter);
        }
        return
        [
            new PlannedReminder(ReminderKind.Prepare, At(start.AddDays(-options.PrepareDaysBefore)), visitStarts),
            new PlannedReminder(ReminderKind.Soon, At(start.AddDays(-options.SoonDaysBefore)), visitStarts),
            After(ReminderKind.EssayRequest, options.EssayRequestDaysAfter),
            After(ReminderKind.EssayReminder, options.EssayReminderDaysAfter),
            After(ReminderKind.EssayLast, options.EssayLastDaysAfter),
        ];
    }

    /// <summary>The kinds this policy plans; the others belong to other subjects (<see cref="IReminderSubject"/>).</summary>
    public static readonly IReadOnlyList<ReminderKind> MobilityKinds =
        [ReminderKind.Prepare, ReminderKind.Soon, ReminderKind.EssayRequest, ReminderKind.EssayReminder, ReminderKind.EssayLast];

    public static bool IsAboutTheEssay(ReminderKind kind) => kind is ReminderKind.EssayRequest or ReminderKind.EssayReminder or ReminderKind.EssayLast;

    public static string Name(ReminderKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static string Name(ReminderStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    /// <summary>A reminder's identity: its row and its due moment, so new dates make a new reminder and the old one shows as rescheduled.</summary>
    public static string IdFor(ReminderKind kind, DateTimeOffset dueAt) => $"{Name(kind)}-{dueAt.UtcDateTime:yyyyMMddHHmm}";

    /// <summary>Delay before attempt <paramref name="attempt"/> + 1: the backoff doubled per failed attempt, capped.</summary>
    public static TimeSpan RetryDelay(int attempt, RemindersOptions options)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RetryBackoff.Ticks * factor, options.MaxRetryDelay.Ticks));
        return delay < options.RetryBackoff ? options.RetryBackoff : delay;
    }
}

/// <summary>
/// Due slots: reminders are kept in partitions named by the UTC start of their 15-minute slot
/// (<c>yyyyMMddHHmm</c>), so "everything due now" is one range query over the partitions up to now.
/// </summary>
public static class ReminderSlots
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    public static string Of(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % Length.Ticks), DateTimeKind.Utc).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
    }

    public static DateTimeOffset Start(string slot) =>
        new(DateTime.ParseExact(slot, "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

    /// <summary>The slot a retry goes to: after the delay, and never the slot being processed now.</summary>
    public static string Later(DateTimeOffset now, TimeSpan delay)
    {
        var next = Start(Of(now)) + Length;
        return Of(now + delay > next ? now + delay : next);
    }
}
