using Exchange.Organisations;

namespace Exchange.Mobilities;

/// <summary>A visit as the quota counts it.</summary>
public readonly record struct QuotaVisit(string Sending, string Host, DateOnly Start, DateOnly End, MobilityStatus Status)
{
    /// <summary>Done: marked completed, or confirmed and over. A planned visit whose days passed unconfirmed is still only planned.</summary>
    public bool IsDone(DateOnly today) => Status == MobilityStatus.Completed || (Status == MobilityStatus.Confirmed && End < today);
}

/// <summary>
/// Each partner hosts a set number of professionals over the project. Visits that happened count
/// as hosted; those still ahead (planned or confirmed) count apart, so a future visit is never
/// reported as done. Cancelled visits do not count.
/// </summary>
public static class Quota
{
    public static QuotaView Compute(IReadOnlyList<Organisation> organisations, IReadOnlyList<QuotaVisit> visits, MobilitiesOptions options, DateOnly today)
    {
        var counted = visits
            .Where(m => m.Status != MobilityStatus.Cancelled)
            .Where(m => (options.ProjectStart is not { } from || m.Start >= from) && (options.ProjectEnd is not { } to || m.Start <= to))
            .ToList();
        (int Done, int Planned) Count(Func<QuotaVisit, bool> which)
        {
            var mine = counted.Where(which).ToList();
            var done = mine.Count(m => m.IsDone(today));
            return (done, mine.Count - done);
        }
        var hosts = organisations.Select(o =>
        {
            var (hosted, planned) = Count(m => m.Host == o.Id);
            return new HostQuota(o.Id, o.Name, o.Country, hosted, planned, options.HostTarget, Math.Max(0, options.HostTarget - hosted - planned));
        }).ToList();
        var senders = organisations.Select(o =>
        {
            var (sent, planned) = Count(m => m.Sending == o.Id);
            return new SenderCount(o.Id, o.Name, o.Country, sent, planned);
        }).ToList();
        return new QuotaView(options.HostTarget, options.ProjectStart, options.ProjectEnd, hosts, senders);
    }
}
