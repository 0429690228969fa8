using Exchange.Mobilities;
using Exchange.Reminders;

namespace Exchange.Tests.Unit;

/// <summary>Mobilities and a pretend reminder store for the pure reminder rules.</summary>
public static class Visits
{
    public static Mobility Mobility(DateOnly start, DateOnly end, string country = "IT", string language = "it", string id = "it-sender.visit1") =>
        new(id, "it-sender", "no-host", "Giulia Sanna", "giulia@example.org", language, "Social worker", country, start, end, MobilityStatus.Confirmed,
            new HostDetails("Rådhuset, Holmestrand", "Kari Nilsen", "kari@example.org", "+47 33 00 00 00", "Monday: welcome"), false, null, null, 1,
            DateTimeOffset.UnixEpoch, "c@example.org", DateTimeOffset.UnixEpoch, "c@example.org", "etag");

    public static ReminderSnapshot Snapshot(Mobility m) =>
        ReminderScheduler.Snapshot(m, new Organisations.Organisation("it-sender", "Centro Lares", "IT", "Ozieri", "municipality", null, "", ""),
            new Organisations.Organisation("no-host", "Holmestrand kommune", "NO", "Holmestrand", "municipality", null, "", ""));

    /// <summary>Plans against the current records and applies the changes as a store would (each write a new ETag).</summary>
    public static (List<ReminderRecord> Records, IReadOnlyList<ReminderChange> Changes) Sync(Mobility m, IReadOnlyList<ReminderRecord> records, DateTimeOffset now, RemindersOptions? options = null)
    {
        var changes = ReminderPlanner.Reconcile(m, Snapshot(m), records, now, options ?? new RemindersOptions());
        var result = records.ToDictionary(r => r.Id);
        foreach (var change in changes)
        {
            result[change.After.Id] = change.After with { ETag = Guid.NewGuid().ToString("N") };
        }
        return (result.Values.OrderBy(r => r.DueAt).ToList(), changes);
    }

    public static ReminderRecord Of(this IEnumerable<ReminderRecord> records, ReminderKind kind) => records.Single(r => r.Kind == kind);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
