using Exchange.Common;
using Exchange.Reminders;
using static Exchange.Tests.Unit.Visits;

namespace Exchange.Tests.Unit;

public sealed class ReminderPolicyTests
{
    private static readonly RemindersOptions Defaults = new();

    [Fact]
    public void The_defaults_are_the_partnerships_policy()
    {
        Assert.Equal(14, Defaults.PrepareDaysBefore);
        Assert.Equal(2, Defaults.SoonDaysBefore);
        Assert.Equal(1, Defaults.EssayRequestDaysAfter);
        Assert.Equal(7, Defaults.EssayReminderDaysAfter);
        Assert.Equal(14, Defaults.EssayLastDaysAfter);
        Assert.Equal(new TimeOnly(8, 0), Defaults.SendAt);
        Assert.Equal(TimeSpan.FromDays(3), Defaults.ExpireAfter);
        Assert.Equal(5, Defaults.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(15), Defaults.RetryBackoff);
        Assert.Equal(TimeSpan.FromHours(6), Defaults.MaxRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(5), Defaults.ClaimDuration);
        Assert.Equal(2000, Defaults.MaxPerRun);
        Assert.Equal(16, Defaults.Parallelism);
        Assert.Equal(30, Defaults.PreviewDays);
        Assert.Equal("0 */15 * * * *", SendReminders.Schedule);
    }

    [Fact]
    public void Each_row_of_the_policy_is_due_at_eight_in_the_morning_in_rome_across_the_march_clock_change()
    {
        // Sunday 29 March 2026 Italy moves from CET (+1) to CEST (+2); the visit starts the day after.
        var plan = ReminderPolicy.Plan(new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 3), "IT", Defaults);

        Assert.Equal([ReminderKind.Prepare, ReminderKind.Soon, ReminderKind.EssayRequest, ReminderKind.EssayReminder, ReminderKind.EssayLast], plan.Select(p => p.Kind));
        Assert.Equal(Utc(2026, 3, 16, 7), plan[0].DueAt);   // 14 days before, 08:00 CET
        Assert.Equal(Utc(2026, 3, 28, 7), plan[1].DueAt);   // 2 days before, 08:00 CET, the day before the change
        Assert.Equal(Utc(2026, 4, 4, 6), plan[2].DueAt);    // the day after the end, 08:00 CEST
        Assert.Equal(Utc(2026, 4, 10, 6), plan[3].DueAt);   // 7 days after
        Assert.Equal(Utc(2026, 4, 17, 6), plan[4].DueAt);   // 14 days after
        Assert.All(plan.Take(2), p => Assert.Equal(Utc(2026, 3, 29, 22), p.Deadline)); // midnight CEST as the visit starts
        Assert.All(plan.Skip(2), p => Assert.Equal(p.DueAt + TimeSpan.FromDays(3), p.Deadline));
    }

    [Fact]
    public void In_reykjavik_there_is_no_summer_time_so_every_reminder_is_at_eight_utc()
    {
        var plan = ReminderPolicy.Plan(new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 3), "IS", Defaults);

        Assert.Equal([Utc(2026, 3, 16, 8), Utc(2026, 3, 28, 8), Utc(2026, 4, 4, 8), Utc(2026, 4, 10, 8), Utc(2026, 4, 17, 8)], plan.Select(p => p.DueAt));
        Assert.Equal(Utc(2026, 3, 30, 0), plan[0].Deadline);
    }

    [Fact]
    public void A_reminder_on_the_day_of_the_spring_change_uses_the_new_offset()
    {
        var plan = ReminderPolicy.Plan(new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 4), "IT", Defaults);
        Assert.Equal(Utc(2026, 3, 29, 6), plan.Of(ReminderKind.Soon).DueAt);
        Assert.Equal(Utc(2026, 3, 17, 7), plan.Of(ReminderKind.Prepare).DueAt);
    }

    [Fact]
    public void A_reminder_on_the_day_of_the_autumn_change_uses_the_winter_offset()
    {
        // Sunday 25 October 2026 Finland moves from EEST (+3) to EET (+2).
        var plan = ReminderPolicy.Plan(new DateOnly(2026, 10, 27), new DateOnly(2026, 10, 30), "FI", Defaults);
        Assert.Equal(Utc(2026, 10, 13, 5), plan.Of(ReminderKind.Prepare).DueAt);
        Assert.Equal(Utc(2026, 10, 25, 6), plan.Of(ReminderKind.Soon).DueAt);
        Assert.Equal(Utc(2026, 10, 31, 6), plan.Of(ReminderKind.EssayRequest).DueAt);
    }

    [Theory]
    [InlineData("IT", "Europe/Rome")]
    [InlineData("ES", "Europe/Madrid")]
    [InlineData("NO", "Europe/Oslo")]
    [InlineData("SE", "Europe/Stockholm")]
    [InlineData("FI", "Europe/Helsinki")]
    [InlineData("RO", "Europe/Bucharest")]
    [InlineData("IS", "Atlantic/Reykjavik")]
    [InlineData("LU", "Europe/Luxembourg")]
    [InlineData("BE", "Europe/Brussels")]
    [InlineData("UA", "Europe/Kyiv")]
    [InlineData("JP", "UTC")]
    [InlineData(null, "UTC")]
    public void Each_home_country_has_its_time_zone_and_the_system_has_its_data(string? country, string zone)
    {
        Assert.Equal(zone, HomeTimeZones.IdFor(country));
        Assert.NotNull(HomeTimeZones.Find(zone));
        Assert.Equal(zone, HomeTimeZones.For(country).Id);
    }

    [Fact]
    public void A_local_time_in_the_spring_gap_moves_forward_and_a_repeated_one_means_the_first()
    {
        var rome = HomeTimeZones.For("IT");
        Assert.Equal(Utc(2026, 3, 29, 1), HomeTimeZones.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), rome));
        Assert.Equal(Utc(2026, 10, 25, 0, 30), HomeTimeZones.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), rome));
    }

    [Fact]
    public void Retries_wait_fifteen_minutes_doubling_up_to_six_hours()
    {
        Assert.Equal(
            [TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6), TimeSpan.FromHours(6)],
            Enumerable.Range(1, 7).Select(a => ReminderPolicy.RetryDelay(a, Defaults)));
    }

    [Fact]
    public void Slots_are_fifteen_minutes_of_utc_and_a_retry_never_lands_in_the_slot_being_run()
    {
        Assert.Equal("202603160700", ReminderSlots.Of(new DateTimeOffset(2026, 3, 16, 8, 14, 59, TimeSpan.FromHours(1))));
        Assert.Equal(Utc(2026, 3, 16, 7), ReminderSlots.Start("202603160700"));
        Assert.Equal("202603160715", ReminderSlots.Later(Utc(2026, 3, 16, 7, 1), TimeSpan.FromMinutes(1)));
        Assert.Equal("202603160830", ReminderSlots.Later(Utc(2026, 3, 16, 7, 30), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_policy_follows_its_options()
    {
        var plan = ReminderPolicy.Plan(new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 12), "IS",
            new RemindersOptions { PrepareDaysBefore = 21, SoonDaysBefore = 1, EssayRequestDaysAfter = 2, EssayReminderDaysAfter = 9, EssayLastDaysAfter = 20, SendAt = new TimeOnly(9, 30), ExpireAfter = TimeSpan.FromDays(1) });
        Assert.Equal([Utc(2026, 5, 18, 9, 30), Utc(2026, 6, 7, 9, 30), Utc(2026, 6, 14, 9, 30), Utc(2026, 6, 21, 9, 30), Utc(2026, 7, 2, 9, 30)], plan.Select(p => p.DueAt));
        Assert.Equal(Utc(2026, 6, 15, 9, 30), plan.Of(ReminderKind.EssayRequest).Deadline);
    }
}

internal static class PlanExtensions
{
    public static PlannedReminder Of(this IEnumerable<PlannedReminder> plan, ReminderKind kind) => plan.Single(p => p.Kind == kind);
}
