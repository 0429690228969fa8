using Azure;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Accounts;

public sealed record UserAccount(string Email, string Role, string? OrganisationId, DateTimeOffset CreatedAt);

public sealed record PendingInvitation(string Id, string Email, string OrganisationId, string InvitedBy, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt, string? Language = null);

/// <summary>A coordinator's choice of mail: a notice per submitted practice, and the weekly digest.</summary>
public sealed record CoordinatorPreferences(bool SubmissionMails, bool WeeklyDigest, string Language)
{
    public static readonly CoordinatorPreferences Default = new(true, true, "en");
}

public sealed record SessionInfo(string Email, string Role, string? OrganisationId, DateTimeOffset ExpiresAt);

public enum TokenKind
{
    SignIn,
    Invitation,
}

/// <summary>What a redeemed one-time link grants.</summary>
public sealed record RedeemedToken(TokenKind Kind, string Email, string? OrganisationId);

/// <summary>
/// Users, one-time link tokens and sessions. Tokens and session ids are stored only as
/// SHA-256 hashes; a token is redeemed by an ETag-conditional delete, so it works once.
/// </summary>
public sealed class AccountStore(
    [FromKeyedServices(StorageNames.UsersTable)] TableClient users,
    [FromKeyedServices(StorageNames.TokensTable)] TableClient tokens,
    [FromKeyedServices(StorageNames.SessionsTable)] TableClient sessions,
    TimeProvider time)
{
    private const string UserPartition = "user";
    private const string SessionPartition = "session";
    private const string SignInPartition = "signin";
    private const string InvitationPartition = "invite";
    private const string PreferencesPartition = "coordinator-preferences";

    public async Task<UserAccount?> FindUserAsync(string email, CancellationToken ct)
    {
        var response = await users.GetEntityIfExistsAsync<TableEntity>(UserPartition, email, cancellationToken: ct);
        return response.HasValue ? ToUser(response.Value!) : null;
    }

    public async Task<IReadOnlyList<UserAccount>> ListUsersAsync(CancellationToken ct)
    {
        var result = new List<UserAccount>();
        await foreach (var e in users.QueryAsync<TableEntity>(e => e.PartitionKey == UserPartition, cancellationToken: ct))
        {
            result.Add(ToUser(e));
        }
        return result;
    }

    public Task UpsertPartnerAsync(string email, string organisationId, CancellationToken ct) =>
        users.UpsertEntityAsync(new TableEntity(UserPartition, email)
        {
            ["Role"] = Roles.Partner,
            ["OrganisationId"] = organisationId,
            ["CreatedAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Replace, ct);

    public async Task<string> CreateSignInTokenAsync(string email, TimeSpan lifetime, CancellationToken ct)
    {
        var token = Secrets.NewToken();
        await tokens.AddEntityAsync(new TableEntity(SignInPartition, Secrets.Hash(token))
        {
            ["Email"] = email,
            ["ExpiresAt"] = time.GetUtcNow() + lifetime,
        }, ct);
        return token;
    }

    public async Task<(string Token, PendingInvitation Invitation)> CreateInvitationAsync(
        string email, string organisationId, string invitedBy, TimeSpan lifetime, string? language, CancellationToken ct)
    {
        var token = Secrets.NewToken();
        var now = time.GetUtcNow();
        var invitation = new PendingInvitation(Guid.NewGuid().ToString("N"), email, organisationId, invitedBy, now, now + lifetime, language);
        await tokens.AddEntityAsync(new TableEntity(InvitationPartition, Secrets.Hash(token))
        {
            ["InvitationId"] = invitation.Id,
            ["Email"] = email,
            ["OrganisationId"] = organisationId,
            ["InvitedBy"] = invitedBy,
            ["InvitedAt"] = now,
            ["ExpiresAt"] = invitation.ExpiresAt,
            ["Language"] = language,
        }, ct);
        return (token, invitation);
    }

    /// <summary>A pending invitation by its id (not its token, which is stored only hashed).</summary>
    public async Task<PendingInvitation?> FindInvitationAsync(string invitationId, CancellationToken ct) =>
        (await InvitationEntityAsync(invitationId, ct)) is { } e ? ToInvitation(e) : null;

    /// <summary>Withdraws an invitation: its link stops working at once. False when there was none.</summary>
    public async Task<bool> CancelInvitationAsync(string invitationId, CancellationToken ct)
    {
        if (await InvitationEntityAsync(invitationId, ct) is not { } entity)
        {
            return false;
        }
        var response = await tokens.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, ct);
        return response.Status != 404;
    }

    private async Task<TableEntity?> InvitationEntityAsync(string invitationId, CancellationToken ct)
    {
        if (invitationId.Length is 0 or > 64 || !invitationId.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }
        await foreach (var e in tokens.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {InvitationPartition} and InvitationId eq {invitationId}"), cancellationToken: ct))
        {
            return e;
        }
        return null;
    }

    /// <summary>
    /// Removes an editor: the account, every session (so they are signed out everywhere at once)
    /// and any sign-in link not yet used. False when there was no such account.
    /// </summary>
    public async Task<bool> RemoveUserAsync(string email, CancellationToken ct)
    {
        var response = await users.DeleteEntityAsync(UserPartition, email, ETag.All, ct);
        var existed = response.Status != 404;
        foreach (var (table, partition) in new[] { (sessions, SessionPartition), (tokens, SignInPartition) })
        {
            var owned = new List<TableEntity>();
            await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Email eq {email}"), select: ["PartitionKey", "RowKey"], cancellationToken: ct))
            {
                owned.Add(e);
            }
            foreach (var batch in owned.Chunk(100))
            {
                await DeleteBatchAsync(table, batch, ct);
            }
        }
        return existed;
    }

    /// <summary>A person's sessions (when they end; the ids are stored only hashed and never shown).</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> SessionEndsAsync(string email, CancellationToken ct)
    {
        var result = new List<DateTimeOffset>();
        await foreach (var e in sessions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SessionPartition} and Email eq {email}"), select: ["ExpiresAt"], cancellationToken: ct))
        {
            result.Add(e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);
        }
        return result;
    }

    /// <summary>Invitations sent to the address, and those it sent.</summary>
    public async Task<IReadOnlyList<PendingInvitation>> InvitationsOfAsync(string email, CancellationToken ct)
    {
        var result = new List<PendingInvitation>();
        await foreach (var e in tokens.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {InvitationPartition} and (Email eq {email} or InvitedBy eq {email})"), cancellationToken: ct))
        {
            result.Add(ToInvitation(e));
        }
        return result;
    }

    /// <summary>
    /// Everything the account tables hold about an address: the account, its sessions and links,
    /// invitations sent to it, a coordinator's mail choices; invitations it sent keep their
    /// organisation and lose the sender. Returns how many records went.
    /// </summary>
    public async Task<int> EraseAsync(string email, CancellationToken ct)
    {
        var changed = await RemoveUserAsync(email, ct) ? 1 : 0;
        changed += (await users.DeleteEntityAsync(PreferencesPartition, email, ETag.All, ct)).Status == 404 ? 0 : 1;
        var received = new List<TableEntity>();
        await foreach (var e in tokens.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {InvitationPartition} and (Email eq {email} or InvitedBy eq {email})"), cancellationToken: ct))
        {
            if (string.Equals(e.GetString("Email"), email, StringComparison.OrdinalIgnoreCase))
            {
                received.Add(e);
            }
            else
            {
                e["InvitedBy"] = "";
                await tokens.UpdateEntityAsync(e, ETag.All, TableUpdateMode.Replace, ct);
                changed++;
            }
        }
        foreach (var batch in received.Chunk(100))
        {
            changed += await DeleteBatchAsync(tokens, batch, ct);
        }
        return changed;
    }

    /// <summary>Deletes invitations sent before <paramref name="sentBefore"/> that nobody redeemed.</summary>
    public async Task<int> PurgeInvitationsAsync(DateTimeOffset sentBefore, CancellationToken ct)
    {
        var old = new List<TableEntity>();
        await foreach (var e in tokens.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {InvitationPartition} and InvitedAt lt {sentBefore}"), select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            old.Add(e);
        }
        var purged = 0;
        foreach (var batch in old.Chunk(100))
        {
            purged += await DeleteBatchAsync(tokens, batch, ct);
        }
        return purged;
    }

    public async Task<CoordinatorPreferences> PreferencesAsync(string email, CancellationToken ct)
    {
        var found = await users.GetEntityIfExistsAsync<TableEntity>(PreferencesPartition, email, cancellationToken: ct);
        return found.HasValue
            ? new CoordinatorPreferences(found.Value!.GetBoolean("SubmissionMails") ?? true, found.Value.GetBoolean("WeeklyDigest") ?? true, found.Value.GetString("Language") ?? "en")
            : CoordinatorPreferences.Default;
    }

    public Task SavePreferencesAsync(string email, CoordinatorPreferences preferences, CancellationToken ct) =>
        users.UpsertEntityAsync(new TableEntity(PreferencesPartition, email)
        {
            ["SubmissionMails"] = preferences.SubmissionMails,
            ["WeeklyDigest"] = preferences.WeeklyDigest,
            ["Language"] = preferences.Language,
        }, TableUpdateMode.Replace, ct);

    public async Task<IReadOnlyList<PendingInvitation>> ListPendingInvitationsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var result = new List<PendingInvitation>();
        await foreach (var e in tokens.QueryAsync<TableEntity>(e => e.PartitionKey == InvitationPartition, cancellationToken: ct))
        {
            var invitation = ToInvitation(e);
            if (invitation.ExpiresAt > now)
            {
                result.Add(invitation);
            }
        }
        return result.OrderByDescending(i => i.InvitedAt).ToList();
    }

    /// <summary>Redeems a one-time token: only the caller whose conditional delete succeeds gets it.</summary>
    public async Task<RedeemedToken?> RedeemAsync(string token, CancellationToken ct)
    {
        var hash = Secrets.Hash(token);
        foreach (var (partition, kind) in new[] { (SignInPartition, TokenKind.SignIn), (InvitationPartition, TokenKind.Invitation) })
        {
            var found = await tokens.GetEntityIfExistsAsync<TableEntity>(partition, hash, cancellationToken: ct);
            if (!found.HasValue)
            {
                continue;
            }
            var entity = found.Value!;
            if (entity.GetDateTimeOffset("ExpiresAt") is not { } expires || expires <= time.GetUtcNow())
            {
                return null;
            }
            try
            {
                // The SDK reports a missing entity as a 404 response rather than an exception.
                var deleted = await tokens.DeleteEntityAsync(partition, hash, entity.ETag, ct);
                if (deleted.Status == 404)
                {
                    return null;
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                return null;
            }
            return new RedeemedToken(kind, entity.GetString("Email"), entity.GetString("OrganisationId"));
        }
        return null;
    }

    public async Task<string> CreateSessionAsync(SessionInfo session, CancellationToken ct)
    {
        var id = Secrets.NewToken();
        await sessions.AddEntityAsync(new TableEntity(SessionPartition, Secrets.Hash(id))
        {
            ["Email"] = session.Email,
            ["Role"] = session.Role,
            ["OrganisationId"] = session.OrganisationId,
            ["ExpiresAt"] = session.ExpiresAt,
        }, ct);
        return id;
    }

    public async Task<SessionInfo?> FindSessionAsync(string sessionId, CancellationToken ct)
    {
        if (sessionId.Length is < 20 or > 100)
        {
            return null;
        }
        var found = await sessions.GetEntityIfExistsAsync<TableEntity>(SessionPartition, Secrets.Hash(sessionId), cancellationToken: ct);
        if (!found.HasValue)
        {
            return null;
        }
        var e = found.Value!;
        var session = new SessionInfo(e.GetString("Email"), e.GetString("Role"), e.GetString("OrganisationId"), e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);
        return session.ExpiresAt > time.GetUtcNow() ? session : null;
    }

    public async Task DeleteSessionAsync(string sessionId, CancellationToken ct)
    {
        if (sessionId.Length is >= 20 and <= 100)
        {
            try
            {
                await sessions.DeleteEntityAsync(SessionPartition, Secrets.Hash(sessionId), ETag.All, ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
            }
        }
    }

    /// <summary>Deletes expired sign-in links, invitations and sessions. Safe to run twice at once.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var purged = 0;
        foreach (var table in new[] { tokens, sessions })
        {
            var expired = new List<TableEntity>();
            await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ExpiresAt lt {now}"), select: ["PartitionKey", "RowKey"], cancellationToken: ct))
            {
                expired.Add(e);
            }
            foreach (var batch in expired.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)))
            {
                purged += await DeleteBatchAsync(table, batch, ct);
            }
        }
        return purged;
    }

    private static async Task<int> DeleteBatchAsync(TableClient table, TableEntity[] batch, CancellationToken ct)
    {
        try
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), ct);
            return batch.Length;
        }
        catch (TableTransactionFailedException)
        {
            // Another run deleted some of them first; delete the rest one by one.
            var deleted = 0;
            foreach (var e in batch)
            {
                try
                {
                    var response = await table.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All, ct);
                    deleted += response.Status == 404 ? 0 : 1;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                }
            }
            return deleted;
        }
    }

    private static UserAccount ToUser(TableEntity e) =>
        new(e.RowKey, e.GetString("Role"), e.GetString("OrganisationId"), e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);

    private static PendingInvitation ToInvitation(TableEntity e) =>
        new(e.GetString("InvitationId"), e.GetString("Email"), e.GetString("OrganisationId"), e.GetString("InvitedBy"),
            e.GetDateTimeOffset("InvitedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue, e.GetString("Language"));
}
