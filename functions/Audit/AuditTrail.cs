using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Exchange.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Audit;

/// <summary>The coordinators' actions the audit log records.</summary>
public static class AuditActions
{
    public const string Invitation = "invitation";
    public const string InvitationCancelled = "invitation-cancelled";
    public const string InvitationResent = "invitation-resent";
    public const string EditorRemoved = "editor-removed";
    public const string OrganisationCreated = "organisation-created";
    public const string OrganisationChanged = "organisation-changed";
    public const string PracticePublished = "practice-published";
    public const string PracticeUnpublished = "practice-unpublished";
    public const string EssayPublished = "essay-published";
    public const string EssayUnpublished = "essay-unpublished";
    public const string ReminderRetried = "reminder-retried";
    public const string Export = "export";
    public const string Erasure = "erasure";
    public const string RetentionSettings = "retention-settings";

    public static readonly IReadOnlyList<string> All =
    [
        Invitation, InvitationCancelled, InvitationResent, EditorRemoved, OrganisationCreated, OrganisationChanged, PracticePublished,
        PracticeUnpublished, EssayPublished, EssayUnpublished, ReminderRetried, Export, Erasure, RetentionSettings,
    ];
}

/// <summary>
/// Records a coordinator's action: who (the acting account), what, and when. <paramref name="target"/>
/// names the record acted on by its id (an organisation, a practice, a visit) and never a person:
/// an export or erasure by address is recorded without the address.
/// </summary>
public interface IAuditTrail
{
    Task RecordAsync(string actor, string action, string? target, CancellationToken ct);
}

public sealed record AuditEntry(string Id, DateTimeOffset At, string Actor, string Action, string? Target);

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long an entry is kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3 * 365);
}

/// <summary>
/// The audit log: one partition per month (<c>yyyyMM</c>), rows newest first (inverted ticks), so a
/// date range reads only its months and old months are removed whole.
/// </summary>
public sealed class AuditLog(
    [FromKeyedServices(StorageNames.AuditLogTable)] TableClient table, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditLog> logger) : IAuditTrail
{
    public async Task RecordAsync(string actor, string action, string? target, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await table.AddEntityAsync(new TableEntity(Month(now), $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["At"] = now,
            ["Actor"] = actor,
            ["Action"] = action,
            ["Target"] = target,
        }, ct);
        logger.LogInformation("Audit: {Action} by a coordinator", action);
    }

    /// <summary>Entries from <paramref name="from"/> to <paramref name="to"/> (inclusive days), newest first, optionally of one action.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? action, DateOnly from, DateOnly to, int max, CancellationToken ct)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
        var result = new List<AuditEntry>();
        for (var month = new DateTimeOffset(end.AddTicks(-1).Year, end.AddTicks(-1).Month, 1, 0, 0, 0, TimeSpan.Zero); month >= new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero); month = month.AddMonths(-1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Month(month)} and At ge {start} and At lt {end}");
            if (action is not null)
            {
                filter += " and " + TableClient.CreateQueryFilter($"Action eq {action}");
            }
            await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            {
                result.Add(new AuditEntry(e.RowKey, e.GetDateTimeOffset("At") ?? default, e.GetString("Actor") ?? "", e.GetString("Action") ?? "", e.GetString("Target")));
                if (result.Count >= max)
                {
                    return result;
                }
            }
        }
        return result;
    }

    /// <summary>Removes the entries older than the audit log's own retention; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        var old = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"At lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            old.Add(e);
        }
        var purged = 0;
        foreach (var e in old)
        {
            // Another run may have removed it first; the SDK answers that with a 404 response, not an exception.
            var response = await table.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All, ct);
            purged += response.Status == 404 ? 0 : 1;
        }
        return purged;
    }

    private static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);
}
