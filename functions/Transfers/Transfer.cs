using Exchange.Practices;

namespace Exchange.Transfers;

/// <summary>Whether the partner took the practice as it was, or changed it to fit its context.</summary>
public enum TransferKind
{
    Adopted,
    Adapted,
}

public enum TransferStatus
{
    Trying,
    Adopted,
    Stopped,
}

/// <summary>Where a record was written: by the partner itself, or as a learner's outcome of a twinning.</summary>
public enum TransferSource
{
    Partner,
    Twinning,
}

/// <summary>How the status and the outcome indicators stood at one moment; a record keeps each earlier state.</summary>
public sealed record TransferSnapshot(DateTimeOffset At, TransferStatus Status, string? StatusReason, IReadOnlyList<Indicator> Indicators);

/// <summary>
/// "We tried this": a partner organisation took up a published practice of another. One model for
/// both ways in: a partner's own record (kept here), and a twinning learner's outcome (kept with its
/// twinning, read through <see cref="ITransferSource"/>, with <see cref="TwinningId"/> set).
/// </summary>
public sealed record TransferRecord(
    string PracticeId,
    string OrganisationId,
    TransferSource Source,
    string? TwinningId,
    TransferKind Kind,
    DateOnly StartedOn,
    string Changes,
    string ServesWhom,
    TransferStatus Status,
    string? StatusReason,
    string Language,
    string? Results,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<TransferSnapshot> History,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string ETag)
{
    /// <summary><c>{practice}.{organisation}</c>, and <c>.{twinning}</c> after it for a twinning's outcome: ids never hold a dot.</summary>
    public string Id => TransferIds.Compose(PracticeId, OrganisationId, TwinningId);
}

public static class TransferIds
{
    public static string Compose(string practiceId, string organisationId, string? twinningId) =>
        twinningId is null ? $"{practiceId}.{organisationId}" : $"{practiceId}.{organisationId}.{twinningId}";

    public static (string PracticeId, string OrganisationId, string? TwinningId)? Parse(string? id)
    {
        var parts = id?.Split('.') ?? [];
        if (parts.Length is < 2 or > 3 || id!.Length > 300 || parts.Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            return null;
        }
        return (parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }
}

/// <summary>
/// Transfer records kept elsewhere: a twinning's learners' outcomes. The twinning area implements
/// it, so transfers do not depend on twinnings.
/// </summary>
public interface ITransferSource
{
    /// <summary>Records of one practice, or of one adopting organisation, or of the practices of one owner; all when no filter is given.</summary>
    Task<IReadOnlyList<TransferRecord>> ListAsync(string? practiceId, string? organisationId, CancellationToken ct);
}
