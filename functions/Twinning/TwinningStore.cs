using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Exchange.Practices;
using Exchange.Storage;

namespace Exchange.Twinning;

/// <summary>Everything a twinning's page shows, read with one partition query.</summary>
public sealed record TwinningContents(TwinningRecord Twinning, IReadOnlyList<Meeting> Meetings, IReadOnlyList<TwinningUpdate> Updates, IReadOnlyList<LearnerOutcome> Outcomes);

/// <summary>
/// Twinnings in one table, one partition per twinning: the twinning itself (row <c>twinning</c>),
/// its meetings (<c>meeting|{id}</c>), posts (<c>update|{id}</c>) and learners' outcomes
/// (<c>outcome|{organisation}</c>). The public page reads the one partition; each row is written
/// under its own ETag, so a post, an outcome and a meeting edit never collide with each other.
/// The list of twinnings and the feed of all meetings read one kind of row across partitions:
/// a partnership has dozens of twinnings, not thousands.
/// </summary>
public sealed class TwinningStore(
    [FromKeyedServices(StorageNames.TwinningsTable)] TableClient table,
    [FromKeyedServices(StorageNames.MetaTable)] TableClient meta)
{
    private const string TwinningRow = "twinning";
    private const string MeetingPrefix = "meeting|";
    private const string UpdatePrefix = "update|";
    private const string OutcomePrefix = "outcome|";
    private const string SyncPartition = "meeting-reminder-sync";
    private const string DateFormat = "yyyy-MM-dd";
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public async Task<TwinningRecord?> GetAsync(string id, CancellationToken ct)
    {
        if (!TwinningIds.IsValid(id))
        {
            return null;
        }
        return await table.FindAsync(id, TwinningRow, ct: ct) is { } found ? ToTwinning(found) : null;
    }

    public async Task<IReadOnlyList<TwinningRecord>> ListAsync(CancellationToken ct)
    {
        var result = new List<TwinningRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {TwinningRow}"), cancellationToken: ct))
        {
            result.Add(ToTwinning(e));
        }
        return result;
    }

    public async Task<TwinningContents?> ReadAsync(string id, CancellationToken ct)
    {
        if (!TwinningIds.IsValid(id))
        {
            return null;
        }
        TwinningRecord? twinning = null;
        var meetings = new List<Meeting>();
        var updates = new List<TwinningUpdate>();
        var outcomes = new List<LearnerOutcome>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), cancellationToken: ct))
        {
            if (e.RowKey == TwinningRow)
            {
                twinning = ToTwinning(e);
            }
            else if (e.RowKey.StartsWith(MeetingPrefix, StringComparison.Ordinal))
            {
                meetings.Add(ToMeeting(e));
            }
            else if (e.RowKey.StartsWith(UpdatePrefix, StringComparison.Ordinal))
            {
                updates.Add(ToUpdate(e));
            }
            else if (e.RowKey.StartsWith(OutcomePrefix, StringComparison.Ordinal))
            {
                outcomes.Add(ToOutcome(e));
            }
        }
        return twinning is null ? null : new TwinningContents(twinning, meetings.OrderBy(m => m.StartsAt).ToList(),
            updates.OrderByDescending(u => u.Date).ThenByDescending(u => u.CreatedAt).ToList(), outcomes);
    }

    public Task<TwinningRecord?> CreateAsync(TwinningRecord twinning, CancellationToken ct) => AddAsync(ToEntity(twinning), e => ToTwinning(e), ct);

    public Task<TwinningRecord?> SaveAsync(TwinningRecord twinning, string etag, CancellationToken ct) => ReplaceAsync(ToEntity(twinning), etag, ToTwinning, ct);

    public async Task<Meeting?> GetMeetingAsync(string twinningId, string meetingId, CancellationToken ct)
    {
        if (!TwinningIds.IsValid(twinningId) || !TwinningIds.IsValid(meetingId))
        {
            return null;
        }
        return await table.FindAsync(twinningId, MeetingPrefix + meetingId, ct: ct) is { } found ? ToMeeting(found) : null;
    }

    /// <summary>Every meeting of every twinning, for the partnership's calendar feed.</summary>
    public async Task<IReadOnlyList<Meeting>> ListAllMeetingsAsync(CancellationToken ct)
    {
        var result = new List<Meeting>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {MeetingPrefix} and RowKey lt {"meeting}"}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            result.Add(ToMeeting(e));
        }
        return result.OrderBy(m => m.StartsAt).ToList();
    }

    public Task<Meeting?> CreateMeetingAsync(Meeting meeting, CancellationToken ct) => AddAsync(ToEntity(meeting), ToMeeting, ct);

    public Task<Meeting?> SaveMeetingAsync(Meeting meeting, string etag, CancellationToken ct) => ReplaceAsync(ToEntity(meeting), etag, ToMeeting, ct);

    public async Task<TwinningUpdate?> GetUpdateAsync(string twinningId, string updateId, CancellationToken ct)
    {
        if (!TwinningIds.IsValid(twinningId) || !TwinningIds.IsValid(updateId))
        {
            return null;
        }
        return await table.FindAsync(twinningId, UpdatePrefix + updateId, ct: ct) is { } found ? ToUpdate(found) : null;
    }

    public Task<TwinningUpdate?> CreateUpdateAsync(TwinningUpdate update, CancellationToken ct) => AddAsync(ToEntity(update), ToUpdate, ct);

    public Task<TwinningUpdate?> SaveUpdateAsync(TwinningUpdate update, string etag, CancellationToken ct) => ReplaceAsync(ToEntity(update), etag, ToUpdate, ct);

    public Task<bool> DeleteUpdateAsync(string twinningId, string updateId, string etag, CancellationToken ct) =>
        table.DeleteIfMatchAsync(twinningId, UpdatePrefix + updateId, etag, ct);

    public async Task<LearnerOutcome?> GetOutcomeAsync(string twinningId, string organisationId, CancellationToken ct)
    {
        if (!TwinningIds.IsValid(twinningId) || !TwinningIds.IsValid(organisationId))
        {
            return null;
        }
        return await table.FindAsync(twinningId, OutcomePrefix + organisationId, ct: ct) is { } found ? ToOutcome(found) : null;
    }

    /// <summary>Records the first outcome of an organisation; null when one was recorded meanwhile.</summary>
    public Task<LearnerOutcome?> CreateOutcomeAsync(LearnerOutcome outcome, CancellationToken ct) => AddAsync(ToEntity(outcome), ToOutcome, ct);

    public Task<LearnerOutcome?> SaveOutcomeAsync(LearnerOutcome outcome, string etag, CancellationToken ct) => ReplaceAsync(ToEntity(outcome), etag, ToOutcome, ct);

    /// <summary>
    /// Notes that a meeting's reminders are about to change; the note is cleared when they are in
    /// line, and one left behind by a process that died half-way tells the timer to finish the job.
    /// </summary>
    public async Task<string> MarkSyncAsync(string twinningId, string meetingId, DateTimeOffset now, CancellationToken ct)
    {
        var response = await meta.UpsertEntityAsync(new TableEntity(SyncPartition, $"{twinningId}.{meetingId}") { ["MarkedAt"] = now }, TableUpdateMode.Replace, ct);
        return response.Headers.ETag?.ToString() ?? "";
    }

    public async Task ClearSyncAsync(string twinningId, string meetingId, string etag, CancellationToken ct)
    {
        try
        {
            await meta.DeleteEntityAsync(SyncPartition, $"{twinningId}.{meetingId}", new ETag(etag), ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Marked again by a newer change, which clears its own note.
        }
    }

    public async Task<IReadOnlyList<(string TwinningId, string MeetingId)>> ListUnfinishedSyncsAsync(DateTimeOffset markedBefore, CancellationToken ct)
    {
        var result = new List<(string, string)>();
        await foreach (var e in meta.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SyncPartition}"), cancellationToken: ct))
        {
            var parts = e.RowKey.Split('.');
            if (parts.Length == 2 && (e.GetDateTimeOffset("MarkedAt") is not { } at || at < markedBefore))
            {
                result.Add((parts[0], parts[1]));
            }
        }
        return result;
    }

    private async Task<T?> AddAsync<T>(TableEntity entity, Func<TableEntity, T> read, CancellationToken ct) where T : class
    {
        try
        {
            var response = await table.AddEntityAsync(entity, ct);
            entity.ETag = response.Headers.ETag ?? default;
            return read(entity);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    private async Task<T?> ReplaceAsync<T>(TableEntity entity, string etag, Func<TableEntity, T> read, CancellationToken ct) where T : class
    {
        if (await table.ReplaceIfMatchAsync(entity, etag, ct) is not { } saved)
        {
            return null;
        }
        entity.ETag = new ETag(saved);
        return read(entity);
    }

    private static string Day(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static TableEntity ToEntity(TwinningRecord t)
    {
        var entity = new TableEntity(t.Id, TwinningRow)
        {
            ["Service"] = t.Service,
            ["MentorOrganisationId"] = t.MentorOrganisationId,
            ["LearnerOrganisationIds"] = string.Join(',', t.LearnerOrganisationIds),
            ["PracticeId"] = t.PracticeId,
            ["Status"] = t.Status.ToString(),
            ["CreatedAt"] = t.CreatedAt,
            ["UpdatedAt"] = t.UpdatedAt,
            ["UpdatedBy"] = t.UpdatedBy,
        };
        EntityJson.Write(entity, "Texts", t.Texts);
        EntityJson.Write(entity, "Regions", t.Regions);
        EntityJson.Write(entity, "Phases", t.Phases);
        return entity;
    }

    private static TwinningRecord ToTwinning(TableEntity e) =>
        new(e.PartitionKey, EntityJson.Read<List<TwinningText>>(e, "Texts") ?? [], e.GetString("Service") ?? "", e.GetString("MentorOrganisationId") ?? "",
            (e.GetString("LearnerOrganisationIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), e.GetString("PracticeId"),
            EntityJson.Read<List<string>>(e, "Regions") ?? [], Enum.Parse<TwinningStatus>(e.GetString("Status") ?? nameof(TwinningStatus.Planned)),
            EntityJson.Read<List<Phase>>(e, "Phases") ?? [], e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("UpdatedAt") ?? default,
            e.GetString("UpdatedBy") ?? "", e.ETag.ToString());

    private static TableEntity ToEntity(Meeting m)
    {
        var entity = new TableEntity(m.TwinningId, MeetingPrefix + m.Id)
        {
            ["Format"] = m.Format.ToString(),
            ["Title"] = m.Title,
            ["Agenda"] = m.Agenda,
            ["Materials"] = m.Materials,
            ["IsPublic"] = m.IsPublic,
            ["Capacity"] = m.Capacity,
            ["Status"] = m.Status.ToString(),
            ["TimeZone"] = m.TimeZone,
            ["LocalStart"] = m.LocalStart?.ToString(LocalFormat, CultureInfo.InvariantCulture),
            ["DurationMinutes"] = m.DurationMinutes,
            ["JoinUrl"] = m.JoinUrl,
            ["HostOrganisationId"] = m.HostOrganisationId,
            ["Address"] = m.Address,
            ["City"] = m.City,
            ["FirstDay"] = m.FirstDay is { } first ? Day(first) : null,
            ["LastDay"] = m.LastDay is { } last ? Day(last) : null,
            ["InvitedOrganisationIds"] = string.Join(',', m.InvitedOrganisationIds),
            ["StartsAt"] = m.StartsAt,
            ["EndsAt"] = m.EndsAt,
            ["Sequence"] = m.Sequence,
            ["ChangedAt"] = m.ChangedAt,
            ["CreatedAt"] = m.CreatedAt,
            ["UpdatedAt"] = m.UpdatedAt,
            ["UpdatedBy"] = m.UpdatedBy,
        };
        return entity;
    }

    private static Meeting ToMeeting(TableEntity e) =>
        new(e.PartitionKey, e.RowKey[MeetingPrefix.Length..], Enum.Parse<MeetingFormat>(e.GetString("Format")), e.GetString("Title") ?? "",
            e.GetString("Agenda"), e.GetString("Materials"), e.GetBoolean("IsPublic") ?? true, e.GetInt32("Capacity"),
            Enum.Parse<MeetingStatus>(e.GetString("Status") ?? nameof(MeetingStatus.Scheduled)), e.GetString("TimeZone") ?? "UTC",
            DateTime.TryParseExact(e.GetString("LocalStart"), LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local : null,
            e.GetInt32("DurationMinutes"), e.GetString("JoinUrl"), e.GetString("HostOrganisationId"), e.GetString("Address"), e.GetString("City"),
            Day(e.GetString("FirstDay")), Day(e.GetString("LastDay")),
            (e.GetString("InvitedOrganisationIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            e.GetDateTimeOffset("StartsAt") ?? default, e.GetDateTimeOffset("EndsAt") ?? default, e.GetInt32("Sequence") ?? 0,
            e.GetDateTimeOffset("ChangedAt") ?? default, e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("UpdatedAt") ?? default,
            e.GetString("UpdatedBy") ?? "", e.ETag.ToString());

    private static TableEntity ToEntity(TwinningUpdate u)
    {
        var entity = new TableEntity(u.TwinningId, UpdatePrefix + u.Id)
        {
            ["Date"] = Day(u.Date),
            ["AuthorOrganisationId"] = u.AuthorOrganisationId,
            ["AuthorEmail"] = u.AuthorEmail,
            ["Published"] = u.Published,
            ["Revision"] = u.Revision,
            ["CreatedAt"] = u.CreatedAt,
            ["UpdatedAt"] = u.UpdatedAt,
        };
        EntityJson.Write(entity, "Texts", u.Texts);
        return entity;
    }

    private static TwinningUpdate ToUpdate(TableEntity e) =>
        new(e.PartitionKey, e.RowKey[UpdatePrefix.Length..], Day(e.GetString("Date")) ?? default, e.GetString("AuthorOrganisationId"),
            e.GetString("AuthorEmail") ?? "", e.GetBoolean("Published") ?? false, e.GetInt32("Revision") ?? 1,
            EntityJson.Read<List<UpdateText>>(e, "Texts") ?? [], e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("UpdatedAt") ?? default,
            e.ETag.ToString());

    private static TableEntity ToEntity(LearnerOutcome o)
    {
        var entity = new TableEntity(o.TwinningId, OutcomePrefix + o.OrganisationId)
        {
            ["Adoption"] = o.Adoption.ToString(),
            ["Language"] = o.Language,
            ["Practice"] = o.Practice,
            ["Started"] = o.Started,
            ["FirstResults"] = o.FirstResults,
            ["UpdatedAt"] = o.UpdatedAt,
            ["UpdatedBy"] = o.UpdatedBy,
        };
        EntityJson.Write(entity, "Indicators", o.Indicators);
        return entity;
    }

    private static LearnerOutcome ToOutcome(TableEntity e) =>
        new(e.PartitionKey, e.RowKey[OutcomePrefix.Length..], Enum.Parse<Adoption>(e.GetString("Adoption") ?? nameof(Adoption.Adopted)),
            e.GetString("Language") ?? "en", e.GetString("Practice") ?? "", e.GetString("Started") ?? "", e.GetString("FirstResults") ?? "",
            EntityJson.Read<List<Indicator>>(e, "Indicators") ?? [], e.GetDateTimeOffset("UpdatedAt") ?? default, e.GetString("UpdatedBy") ?? "",
            e.ETag.ToString());
}
