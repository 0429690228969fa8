using System.Runtime.CompilerServices;
using Exchange.Common;
using Microsoft.Extensions.Options;

namespace Exchange.Accounts;

/// <summary>Editors' and coordinators' accounts: the account, its sessions (dates only), invitations and mail choices.</summary>
public sealed class AccountPersonalData(AccountStore store, IOptions<AccountsOptions> options) : IPersonalDataHolder
{
    /// <summary>Last: the account names the organisation the other areas attribute an editor's records to.</summary>
    public int ErasureStage => 1;

    public async Task FindAsync(PersonalDataSubject subject, CancellationToken ct)
    {
        if (!subject.VisitsOnly && subject.Email.Length > 0 && await store.FindUserAsync(subject.Email, ct) is { } user)
        {
            subject.OrganisationId ??= user.OrganisationId;
        }
    }

    public async IAsyncEnumerable<PersonalRecord> ExportAsync(PersonalDataSubject subject, [EnumeratorCancellation] CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.Email.Length == 0)
        {
            yield break;
        }
        var coordinator = options.Value.IsCoordinator(subject.Email);
        var user = await store.FindUserAsync(subject.Email, ct);
        if (user is not null || coordinator)
        {
            yield return PersonalRecord.Of("account", "Account", ("E-mail", subject.Email), ("Role", coordinator ? Roles.Coordinator : user!.Role),
                ("Organisation", user?.OrganisationId), ("Created", user?.CreatedAt));
        }
        if (coordinator)
        {
            var preferences = await store.PreferencesAsync(subject.Email, ct);
            yield return PersonalRecord.Of("account", "Mail choices", ("A mail for each submitted practice", preferences.SubmissionMails),
                ("Weekly digest", preferences.WeeklyDigest), ("Language", preferences.Language));
        }
        foreach (var ends in (await store.SessionEndsAsync(subject.Email, ct)).Order())
        {
            yield return PersonalRecord.Of("session", "Session", ("Started", ends - options.Value.SessionLifetime), ("Ends", ends));
        }
        foreach (var invitation in await store.InvitationsOfAsync(subject.Email, ct))
        {
            var received = string.Equals(invitation.Email, subject.Email, StringComparison.OrdinalIgnoreCase);
            yield return PersonalRecord.Of("invitation", received ? "Invitation received" : "Invitation sent",
                ("Organisation", invitation.OrganisationId), ("Sent", invitation.InvitedAt), ("Expires", invitation.ExpiresAt),
                // Whom a coordinator invited is the invitee's data, not the coordinator's.
                ("Sent by", received ? invitation.InvitedBy : null));
        }
    }

    public async Task<int> EraseAsync(PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct) =>
        subject.VisitsOnly || subject.Email.Length == 0 ? 0 : await store.EraseAsync(subject.Email, ct);

    public async Task<IReadOnlyList<RetentionCount>> ApplyRetentionAsync(RetentionPeriods periods, DateTimeOffset now, CancellationToken ct) =>
        [new RetentionCount("invitations", await store.PurgeInvitationsAsync(now - periods.UnredeemedInvitations, ct))];
}
