using Exchange.Organisations;

namespace Exchange.Mobilities;

/// <summary>Each partner hosts a set number of professionals over the project; the quota counts every visit not cancelled.</summary>
public static class Quota
{
    public static QuotaView Compute(
        IReadOnlyList<Organisation> organisations, IReadOnlyList<(string Sending, string Host, DateOnly Start, MobilityStatus Status)> mobilities, MobilitiesOptions options)
    {
        var counted = mobilities
            .Where(m => m.Status != MobilityStatus.Cancelled)
            .Where(m => (options.ProjectStart is not { } from || m.Start >= from) && (options.ProjectEnd is not { } to || m.Start <= to))
            .ToList();
        int Count(Func<(string Sending, string Host, DateOnly Start, MobilityStatus Status), bool> which, MobilityStatus? status = null) =>
            counted.Count(m => which(m) && (status is null || m.Status == status));
        var hosts = organisations.Select(o =>
        {
            var hosted = Count(m => m.Host == o.Id);
            return new HostQuota(o.Id, o.Name, o.Country, hosted, Count(m => m.Host == o.Id, MobilityStatus.Planned), Count(m => m.Host == o.Id, MobilityStatus.Confirmed),
                Count(m => m.Host == o.Id, MobilityStatus.Completed), options.HostTarget, Math.Max(0, options.HostTarget - hosted));
        }).ToList();
        var senders = organisations.Select(o => new SenderCount(o.Id, o.Name, o.Country, Count(m => m.Sending == o.Id), Count(m => m.Sending == o.Id, MobilityStatus.Planned),
            Count(m => m.Sending == o.Id, MobilityStatus.Confirmed), Count(m => m.Sending == o.Id, MobilityStatus.Completed))).ToList();
        return new QuotaView(options.HostTarget, options.ProjectStart, options.ProjectEnd, hosts, senders);
    }
}
