using Exchange.Common;

namespace Exchange.Mobilities;

/// <summary>A note that what follows a visit may be behind it, until <see cref="IMobilityFollower.FollowAsync"/> catches up.</summary>
public abstract record MobilityChangeNote(string MobilityId);

/// <summary>
/// What follows a visit: its reminders. A change to a visit is announced before it is saved
/// (<see cref="BeginAsync"/>), so that a process that dies between the two still leaves a note for
/// the follower to catch up from, and followed (or dropped) after. Mobilities defines it and the
/// reminders implement it, so the dependency runs from reminders to mobilities only. The
/// follower's records of a visit are the participant's personal data too.
/// </summary>
public interface IMobilityFollower
{
    Task<MobilityChangeNote> BeginAsync(string mobilityId, CancellationToken ct);

    /// <summary>The change was saved: bring the follower up to date with the visit.</summary>
    Task FollowAsync(MobilityChangeNote note);

    /// <summary>The change was not saved: forget the note.</summary>
    Task DropAsync(MobilityChangeNote note);

    /// <summary>The follower's records of a visit, for the participant's export.</summary>
    IAsyncEnumerable<PersonalRecord> ExportAsync(Mobility mobility, CancellationToken ct);

    /// <summary>Removes the participant from the follower's records of a visit; returns how many changed.</summary>
    Task<int> AnonymiseAsync(string mobilityId, CancellationToken ct);

    /// <summary>Deletes the follower's history of a visit past its retention; returns how many went.</summary>
    Task<int> DeleteHistoryAsync(string mobilityId, CancellationToken ct);
}
