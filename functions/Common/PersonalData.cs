namespace Exchange.Common;

/// <summary>
/// The person a request for access or erasure is about: an address, and what the areas found out
/// about it while looking (the names the person goes by, their visits, their organisation), so
/// that every area can find what it holds even where it keys its records differently.
/// </summary>
public sealed class PersonalDataSubject(string email)
{
    /// <summary>The address, lower case; empty when only visits are named (see <see cref="VisitsOnly"/>).</summary>
    public string Email { get; } = email.Trim().ToLowerInvariant();

    /// <summary>Names the person goes by, so copies of mails that name them can be found.</summary>
    public HashSet<string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The visits the person took part in.</summary>
    public HashSet<string> MobilityIds { get; } = new(StringComparer.Ordinal);

    /// <summary>The organisation an editor's records stay attributed to once their account goes.</summary>
    public string? OrganisationId { get; set; }

    /// <summary>
    /// Retention, not a request: only the named visits are anonymised. The person's account, their
    /// other visits and their mail (kept for a shorter time anyway) are left alone.
    /// </summary>
    public bool VisitsOnly { get; init; }
}

/// <summary>What the person chose when asking for erasure.</summary>
public sealed record ErasureChoices(bool KeepEssayPublishedAnonymously)
{
    public static readonly ErasureChoices EraseAll = new(false);
}

/// <summary>
/// One record in an export: its kind (a section of the summary), a title and its fields in the
/// order they are shown. Areas yield them one at a time, so an export is never held whole.
/// </summary>
public sealed record PersonalRecord(string Kind, string Title, IReadOnlyList<KeyValuePair<string, string?>> Fields)
{
    public static PersonalRecord Of(string kind, string title, params (string Name, object? Value)[] fields) =>
        new(kind, title, fields.Select(f => new KeyValuePair<string, string?>(f.Name, Format(f.Value))).ToList());

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset at => at.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>How long personal data is kept; one configuration read by the retention timer and shown on the privacy page.</summary>
public sealed record RetentionPeriods(
    TimeSpan OutboxCopies,
    TimeSpan ReminderLogAfterVisit,
    TimeSpan UnredeemedInvitations,
    TimeSpan ParticipantsAfterProject,
    TimeSpan AuditLog);

/// <summary>What one retention rule removed or anonymised: a count, never a name.</summary>
public sealed record RetentionCount(string Rule, int Count);

/// <summary>
/// An area that holds personal data: it exports what it holds about a person, erases or
/// anonymises it, and applies its retention rules. Privacy depends on this interface, never on the
/// areas' stores, so a new area with personal data joins by implementing it and registering it.
/// </summary>
public interface IPersonalDataHolder
{
    /// <summary>Erasure runs in ascending stage order. Areas whose records identify the person go last, so an erasure interrupted half-way finds the person again when it is repeated.</summary>
    int ErasureStage => 0;

    /// <summary>Adds to the subject what this area knows of the person (names, visits, organisation).</summary>
    Task FindAsync(PersonalDataSubject subject, CancellationToken ct) => Task.CompletedTask;

    IAsyncEnumerable<PersonalRecord> ExportAsync(PersonalDataSubject subject, CancellationToken ct);

    /// <summary>Removes or anonymises the person's data; returns how many records changed. Repeating it changes nothing more.</summary>
    Task<int> EraseAsync(PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct);

    /// <summary>Applies this area's retention periods; returns counts per rule.</summary>
    Task<IReadOnlyList<RetentionCount>> ApplyRetentionAsync(RetentionPeriods periods, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RetentionCount>>([]);

    /// <summary>Visits past their retention, as subjects to anonymise with <see cref="PersonalDataSubject.VisitsOnly"/>.</summary>
    IAsyncEnumerable<PersonalDataSubject> ExpiredVisitsAsync(RetentionPeriods periods, DateTimeOffset now, CancellationToken ct) =>
        AsyncEnumerable.Empty<PersonalDataSubject>();
}
