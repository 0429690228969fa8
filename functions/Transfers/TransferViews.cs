using Exchange.Practices;

namespace Exchange.Transfers;

public sealed record TransferInput(
    string? PracticeId, string? OrganisationId, TransferKind? Kind, DateOnly? StartedOn, string? Changes, string? ServesWhom, TransferStatus? Status,
    string? StatusReason, string? Language, string? Results, List<IndicatorInput>? Indicators);

public sealed record TransferEditInput(
    TransferKind? Kind, DateOnly? StartedOn, string? Changes, string? ServesWhom, TransferStatus? Status, string? StatusReason, string? Language,
    string? Results, List<IndicatorInput>? Indicators);

public sealed record TransferOrganisation(string Id, string Name, string Country, string City);

public sealed record TransferPractice(string Id, string Name, string Language, string OrganisationId, string OrganisationName, string Country);

/// <summary>A transfer record as its page, the practice's "Taken up by…" and the exports show it.</summary>
public sealed record TransferView(
    string Id, TransferPractice Practice, TransferOrganisation Organisation, TransferSource Source, string? TwinningId, TransferKind Kind,
    DateOnly StartedOn, string Changes, string ServesWhom, TransferStatus Status, string? StatusReason, string Language, string? Results,
    IReadOnlyList<Indicator> Indicators, IReadOnlyList<TransferSnapshot> History, DateTimeOffset UpdatedAt, bool CanEdit, string? Etag);

/// <summary>A partner's page: the practices it took up, and its practices that others took up.</summary>
public sealed record PartnerTransfers(IReadOnlyList<TransferView> TookUp, IReadOnlyList<TransferView> TakenUpFromIt);
