using Exchange.Common;

namespace Exchange.Mobilities;

/// <summary>
/// A mobility as an editor sees it. <see cref="Direction"/> is relative to the caller's organisation (null for a coordinator);
/// <see cref="CanEdit"/> covers the participant and dates (the sending side), <see cref="CanEditHost"/> the host's details.
/// </summary>
public sealed record MobilityView(
    string Id, string SendingOrganisationId, string SendingOrganisationName, string HostOrganisationId, string HostOrganisationName,
    string ParticipantName, string ParticipantEmail, string Language, string Profession, string HomeCountry, string HomeTimeZone,
    DateOnly StartDate, DateOnly EndDate, int Days, MobilityStatus Status,
    string? HostAddress, string? HostContactName, string? HostContactEmail, string? HostContactPhone, string? Programme,
    bool Unsubscribed, DateTimeOffset? UnsubscribedAt, DateTimeOffset? EssaySubmittedAt, string? Direction, bool CanEdit, bool CanEditHost, int Revision,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, string Etag)
{
    public static MobilityView From(Mobility m, IReadOnlyDictionary<string, string> names, string? direction, bool canEdit, bool canEditHost) =>
        new(m.Id, m.SendingOrganisationId, names.GetValueOrDefault(m.SendingOrganisationId, m.SendingOrganisationId),
            m.HostOrganisationId, names.GetValueOrDefault(m.HostOrganisationId, m.HostOrganisationId),
            m.ParticipantName, m.ParticipantEmail, m.Language, m.Profession, m.HomeCountry, HomeTimeZones.For(m.HomeCountry).Id,
            m.StartDate, m.EndDate, m.Days, m.Status, m.Host.Address, m.Host.ContactName, m.Host.ContactEmail, m.Host.ContactPhone, m.Host.Programme,
            m.Unsubscribed, m.UnsubscribedAt, m.EssaySubmittedAt, direction, canEdit, canEditHost, m.Revision, m.CreatedAt, m.CreatedBy, m.UpdatedAt, m.UpdatedBy, m.ETag);
}

public sealed record MobilityListItem(
    string Id, string ParticipantName, string Profession, string Language, string SendingOrganisationId, string SendingOrganisationName,
    string HostOrganisationId, string HostOrganisationName, DateOnly StartDate, DateOnly EndDate, MobilityStatus Status, string? Direction, bool CanEdit,
    bool Unsubscribed, bool EssaySubmitted);

/// <summary>Fresh participant links, for a coordinator to pass on when the participant lost theirs.</summary>
public sealed record ParticipantLinksView(Uri EssayPage, Uri UnsubscribePage);

/// <summary>
/// A host against its target: <see cref="Hosted"/> visits that happened, <see cref="Planned"/> ones still ahead,
/// and <see cref="Remaining"/> still to arrange (target less both).
/// </summary>
public sealed record HostQuota(string OrganisationId, string Name, string Country, int Hosted, int Planned, int Target, int Remaining);

/// <summary>What a partner sends: visits that happened and visits still ahead.</summary>
public sealed record SenderCount(string OrganisationId, string Name, string Country, int Sent, int Planned);

/// <summary>Each host against its target over the project period, and what each partner sends. Cancelled visits do not count.</summary>
public sealed record QuotaView(int HostTarget, DateOnly? ProjectStart, DateOnly? ProjectEnd, IReadOnlyList<HostQuota> Hosts, IReadOnlyList<SenderCount> Senders);
