using Exchange.Hosting;

namespace Exchange.Reminders;

/// <summary>Every 15 minutes: sends the reminders that are due. Safe to run twice at once.</summary>
public sealed class SendReminders(ReminderSender sender) : ITimerFunction
{
    public const string Name = nameof(SendReminders);
    public const string Schedule = "0 */15 * * * *";

    public Task RunAsync(TimerRun run, CancellationToken ct) => sender.RunAsync(ct);
}
