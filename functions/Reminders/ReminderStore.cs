using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Exchange.Storage;

namespace Exchange.Reminders;

/// <summary>
/// Reminders in two tables. <c>ReminderLog</c>, one partition per mobility, holds every reminder
/// record: the authority on its state and the participant's history. <c>Reminders</c>, one
/// partition per 15-minute due slot, holds a copy of each pending record: the timer reads only
/// the slots up to now, so its work grows with what is due, not with the registry. A copy is
/// valid while the ETag it carries is still the record's; sending starts by claiming the record
/// with that ETag, so two runs can never both send it. Finished reminders leave the due slots.
/// </summary>
public sealed class ReminderStore(
    [FromKeyedServices(StorageNames.RemindersTable)] TableClient due,
    [FromKeyedServices(StorageNames.ReminderLogTable)] TableClient log,
    [FromKeyedServices(StorageNames.ReminderFailuresTable)] TableClient failures,
    [FromKeyedServices(StorageNames.MetaTable)] TableClient meta)
{
    private const string FailurePartition = "failed";
    private const string SyncPartition = "reminder-sync";

    public async Task<IReadOnlyList<ReminderRecord>> ListForMobilityAsync(string mobilityId, CancellationToken ct)
    {
        var result = new List<ReminderRecord>();
        await foreach (var e in log.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {mobilityId}"), cancellationToken: ct))
        {
            result.Add(ToRecord(e, e.ETag.ToString()));
        }
        return result.OrderBy(r => r.DueAt).ThenBy(r => r.Kind).ToList();
    }

    public async Task<ReminderRecord?> GetAsync(string mobilityId, string id, CancellationToken ct)
    {
        if (!IsKey(mobilityId) || !IsKey(id))
        {
            return null;
        }
        var found = await log.GetEntityIfExistsAsync<TableEntity>(mobilityId, id, cancellationToken: ct);
        return found.HasValue ? ToRecord(found.Value!, found.Value!.ETag.ToString()) : null;
    }

    /// <summary>Records a new reminder; null when one with this identity already exists.</summary>
    public async Task<ReminderRecord?> AddAsync(ReminderRecord record, CancellationToken ct)
    {
        try
        {
            var response = await log.AddEntityAsync(ToEntity(record, record.MobilityId, record.Id), ct);
            return record with { ETag = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces the record if it still has the ETag it was read with; null when it changed meanwhile.</summary>
    public Task<ReminderRecord?> ReplaceAsync(ReminderRecord record, CancellationToken ct) => WriteAsync(record, TableUpdateMode.Replace, ct);

    /// <summary>
    /// The timer's writes (claim, progress, outcome) under the same ETag condition, as a merge: they
    /// never need to remove a property (a claim left behind counts only while the status is sending),
    /// and a merge updates in place where a replace removes and re-inserts, which costs Azurite's
    /// in-memory store time in proportion to the table's size.
    /// </summary>
    public Task<ReminderRecord?> AdvanceAsync(ReminderRecord record, CancellationToken ct) => WriteAsync(record, TableUpdateMode.Merge, ct);

    private async Task<ReminderRecord?> WriteAsync(ReminderRecord record, TableUpdateMode mode, CancellationToken ct)
    {
        try
        {
            var response = await log.UpdateEntityAsync(ToEntity(record, record.MobilityId, record.Id), new ETag(record.ETag), mode, ct);
            return record with { ETag = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Puts the record's copy in its due slot, carrying the record's current ETag.</summary>
    public Task IndexAsync(ReminderRecord record, CancellationToken ct) =>
        due.UpsertEntityAsync(ToEntity(record, record.Slot, DueKey(record.MobilityId, record.Id), copy: true), TableUpdateMode.Replace, ct);

    /// <summary>Removes a due entry the timer read, unless someone rewrote it since.</summary>
    public async Task UnindexAsync(string slot, string mobilityId, string id, string entryETag, CancellationToken ct)
    {
        try
        {
            await due.DeleteEntityAsync(slot, DueKey(mobilityId, id), new ETag(entryETag), ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already gone, or rewritten by a newer schedule: either way not ours to remove.
        }
    }

    /// <summary>
    /// Removes the due entries a run has finished with, in batches of one slot and at most 100:
    /// one request instead of one per reminder. A batch that fails (an entry rewritten or gone
    /// meanwhile) falls back to removing its entries one by one.
    /// </summary>
    public async Task UnindexAsync(IEnumerable<DueReminder> entries, CancellationToken ct)
    {
        foreach (var batch in entries.GroupBy(e => e.Record.Slot).SelectMany(g => g.DistinctBy(e => DueKey(e.Record.MobilityId, e.Record.Id)).Chunk(100)))
        {
            try
            {
                await due.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete,
                    new TableEntity(e.Record.Slot, DueKey(e.Record.MobilityId, e.Record.Id)), new ETag(e.EntryETag))), ct);
            }
            catch (TableTransactionFailedException)
            {
                foreach (var e in batch)
                {
                    await UnindexAsync(e.Record.Slot, e.Record.MobilityId, e.Record.Id, e.EntryETag, ct);
                }
            }
        }
    }

    /// <summary>Removes the due entry of a record version that has just been superseded, if the entry still belongs to that version.</summary>
    public async Task UnindexVersionAsync(ReminderRecord before, CancellationToken ct)
    {
        var found = await due.GetEntityIfExistsAsync<TableEntity>(before.Slot, DueKey(before.MobilityId, before.Id), select: ["LogETag"], cancellationToken: ct);
        if (found.HasValue && found.Value!.GetString("LogETag") == before.ETag)
        {
            await UnindexAsync(before.Slot, before.MobilityId, before.Id, found.Value.ETag.ToString(), ct);
        }
    }

    /// <summary>
    /// Writes a plan's changes, each record first and its due copy second; false when a record
    /// changed meanwhile (a concurrent run or edit), so the caller plans again. The mobilities'
    /// and the meetings' schedulers both write through here.
    /// </summary>
    public async Task<bool> ApplyAsync(IReadOnlyList<ReminderChange> changes, CancellationToken ct)
    {
        var clean = true;
        foreach (var (before, after) in changes)
        {
            var written = before is null ? await AddAsync(after, ct) : await ReplaceAsync(after, ct);
            if (written is null)
            {
                clean = false;
                continue;
            }
            if (written.Status == ReminderStatus.Pending)
            {
                await IndexAsync(written, ct);
            }
            if (before is { Status: ReminderStatus.Pending or ReminderStatus.Sending } && (written.Status != ReminderStatus.Pending || written.Slot != before.Slot))
            {
                await UnindexVersionAsync(before, ct);
            }
        }
        return clean;
    }

    /// <summary>Everything in the due slots up to <paramref name="slot"/>: pending reminders, claimed ones and leftovers of interrupted runs.</summary>
    public async IAsyncEnumerable<DueReminder> ReadDueAsync(string slot, int max, [EnumeratorCancellation] CancellationToken ct)
    {
        var count = 0;
        await foreach (var e in due.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey le {slot}"), maxPerPage: 1000, cancellationToken: ct))
        {
            yield return new DueReminder(ToRecord(e, e.GetString("LogETag") ?? ""), e.ETag.ToString());
            if (++count >= max)
            {
                yield break;
            }
        }
    }

    public async Task<IReadOnlyList<ReminderRecord>> ReadUpcomingAsync(string untilSlot, int max, CancellationToken ct)
    {
        var result = new List<ReminderRecord>();
        await foreach (var e in due.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey le {untilSlot}"), maxPerPage: 1000, cancellationToken: ct))
        {
            result.Add(ToRecord(e, e.GetString("LogETag") ?? ""));
            if (result.Count >= max)
            {
                break;
            }
        }
        return result;
    }

    public Task AddFailureAsync(ReminderRecord record, CancellationToken ct) =>
        failures.UpsertEntityAsync(new TableEntity(FailurePartition, DueKey(record.MobilityId, record.Id))
        {
            ["MobilityId"] = record.MobilityId,
            ["ReminderId"] = record.Id,
            ["Kind"] = record.Kind.ToString(),
            ["DueAt"] = record.DueAt,
            ["FailedAt"] = record.FinishedAt,
            ["Attempts"] = record.Attempts,
            ["LastError"] = record.LastError,
            ["ParticipantName"] = record.Snapshot.ParticipantName,
            ["ParticipantEmail"] = record.Snapshot.ParticipantEmail,
            ["HostOrganisationName"] = record.Snapshot.HostOrganisationName,
        }, TableUpdateMode.Replace, ct);

    public async Task RemoveFailureAsync(string mobilityId, string id, CancellationToken ct)
    {
        try
        {
            await failures.DeleteEntityAsync(FailurePartition, DueKey(mobilityId, id), ETag.All, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    public async Task<IReadOnlyList<ReminderFailure>> ListFailuresAsync(CancellationToken ct)
    {
        var result = new List<ReminderFailure>();
        await foreach (var e in failures.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {FailurePartition}"), cancellationToken: ct))
        {
            result.Add(new ReminderFailure(e.GetString("MobilityId"), e.GetString("ReminderId"), Enum.Parse<ReminderKind>(e.GetString("Kind")),
                e.GetDateTimeOffset("DueAt") ?? default, e.GetDateTimeOffset("FailedAt") ?? default, e.GetInt32("Attempts") ?? 0, e.GetString("LastError"),
                e.GetString("ParticipantName") ?? "", e.GetString("ParticipantEmail") ?? "", e.GetString("HostOrganisationName") ?? ""));
        }
        return result.OrderByDescending(f => f.FailedAt).ToList();
    }

    /// <summary>
    /// Notes that a mobility's reminders are about to change: one note per change, written before
    /// the change is saved, so a saved change always has its note until its reminders follow it.
    /// A note left behind (a process that died, storage that failed half-way) tells the timer to
    /// finish the job. Each change clears only its own note, so one change finishing can never
    /// clear the note of another still under way.
    /// </summary>
    public async Task<ReminderSyncNote> MarkSyncAsync(string mobilityId, DateTimeOffset now, CancellationToken ct)
    {
        var key = $"{mobilityId}|{Guid.NewGuid():N}";
        var response = await meta.AddEntityAsync(new TableEntity(SyncPartition, key) { ["MobilityId"] = mobilityId, ["MarkedAt"] = now }, ct);
        return new ReminderSyncNote(mobilityId, key, now, response.Headers.ETag?.ToString() ?? "");
    }

    public async Task ClearSyncAsync(ReminderSyncNote note, CancellationToken ct)
    {
        try
        {
            await meta.DeleteEntityAsync(SyncPartition, note.Key, new ETag(note.ETag), ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already cleared by the timer, which brought the reminders in line.
        }
    }

    public async Task<IReadOnlyList<ReminderSyncNote>> ListSyncNotesAsync(CancellationToken ct)
    {
        var result = new List<ReminderSyncNote>();
        await foreach (var e in meta.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SyncPartition}"), cancellationToken: ct))
        {
            // Notes written before each change had its own were keyed by the mobility id alone.
            result.Add(new ReminderSyncNote(e.GetString("MobilityId") ?? e.RowKey, e.RowKey, e.GetDateTimeOffset("MarkedAt") ?? DateTimeOffset.MinValue, e.ETag.ToString()));
        }
        return result;
    }

    /// <summary>Many reminders at once (demo and benchmark data): records in batches per mobility, then the pending ones' due copies in batches per slot.</summary>
    public async Task ImportAsync(IReadOnlyList<ReminderRecord> records, CancellationToken ct)
    {
        var stored = new List<ReminderRecord>(records.Count);
        foreach (var batch in records.GroupBy(r => r.MobilityId).SelectMany(g => g.Chunk(100)))
        {
            var response = await log.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r, r.MobilityId, r.Id))), ct);
            stored.AddRange(batch.Select((r, i) => r with { ETag = response.Value[i].Headers.ETag?.ToString() ?? "" }));
        }
        foreach (var batch in stored.Where(r => r.Status == ReminderStatus.Pending).GroupBy(r => r.Slot).SelectMany(g => g.Chunk(100)))
        {
            await due.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r, r.Slot, DueKey(r.MobilityId, r.Id), copy: true))), ct);
        }
    }

    /// <summary>
    /// Takes the participant out of every reminder of a visit: the name and address leave the
    /// records, their due copies and the failures list; the kinds, dates and outcomes stay. Returns
    /// how many records changed; repeating it changes nothing.
    /// </summary>
    public async Task<int> AnonymiseAsync(string mobilityId, CancellationToken ct)
    {
        var changed = 0;
        foreach (var record in await ListForMobilityAsync(mobilityId, ct))
        {
            if (record.Snapshot.ParticipantName.Length == 0 && record.Snapshot.ParticipantEmail.Length == 0)
            {
                continue;
            }
            var (name, email) = (record.Snapshot.ParticipantName, record.Snapshot.ParticipantEmail);
            string? Scrub(string? text) => text is not null && ((name.Length > 0 && text.Contains(name, StringComparison.OrdinalIgnoreCase)) ||
                (email.Length > 0 && text.Contains(email, StringComparison.OrdinalIgnoreCase))) ? null : text;
            var anonymous = record with
            {
                Snapshot = record.Snapshot with { ParticipantName = "", ParticipantEmail = "" },
                Events = record.Events.Select(e => e with { Detail = Scrub(e.Detail) }).ToList(),
                LastError = Scrub(record.LastError),
            };
            if (await ReplaceAsync(anonymous, ct) is { } saved)
            {
                changed++;
                if (saved.Status is ReminderStatus.Pending or ReminderStatus.Sending)
                {
                    await IndexAsync(saved, ct);
                }
            }
            await RemoveFailureAsync(mobilityId, record.Id, ct);
        }
        return changed;
    }

    /// <summary>Deletes a visit's reminder records (past their retention) and any due copy or failure left of them.</summary>
    public async Task<int> DeleteForMobilityAsync(string mobilityId, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var record in await ListForMobilityAsync(mobilityId, ct))
        {
            await UnindexVersionAsync(record, ct);
            await RemoveFailureAsync(mobilityId, record.Id, ct);
            var response = await log.DeleteEntityAsync(mobilityId, record.Id, ETag.All, ct);
            deleted += response.Status == 404 ? 0 : 1;
        }
        return deleted;
    }

    private static string DueKey(string mobilityId, string id) => $"{mobilityId}|{id}";

    private static bool IsKey(string value) =>
        value.Length is > 0 and <= 200 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');

    private static TableEntity ToEntity(ReminderRecord r, string partition, string row, bool copy = false)
    {
        var entity = new TableEntity(partition, row)
        {
            ["MobilityId"] = r.MobilityId,
            ["ReminderId"] = r.Id,
            ["Kind"] = r.Kind.ToString(),
            ["DueAt"] = r.DueAt,
            ["Deadline"] = r.Deadline,
            ["Status"] = r.Status.ToString(),
            ["Slot"] = r.Slot,
            ["Attempts"] = r.Attempts,
            ["ClaimedUntil"] = r.ClaimedUntil,
            ["ClaimedBy"] = r.ClaimedBy,
            ["MessageId"] = r.MessageId,
            ["SentAt"] = r.SentAt,
            ["CopiesDone"] = string.Join('\n', r.CopiesDone),
            ["FinishedAt"] = r.FinishedAt,
            ["Reason"] = r.Reason,
            ["LastError"] = r.LastError,
            ["ScheduledAt"] = r.ScheduledAt,
        };
        if (copy)
        {
            entity["LogETag"] = r.ETag;
        }
        EntityJson.Write(entity, "Snapshot", r.Snapshot);
        EntityJson.Write(entity, "Events", r.Events);
        if (r.Details is not null)
        {
            EntityJson.Write(entity, "Details", r.Details);
        }
        return entity;
    }

    private static ReminderRecord ToRecord(TableEntity e, string etag) =>
        new(e.GetString("MobilityId"), e.GetString("ReminderId"), Enum.Parse<ReminderKind>(e.GetString("Kind")),
            e.GetDateTimeOffset("DueAt") ?? default, e.GetDateTimeOffset("Deadline") ?? default, Enum.Parse<ReminderStatus>(e.GetString("Status")),
            e.GetString("Slot"), e.GetInt32("Attempts") ?? 0, e.GetDateTimeOffset("ClaimedUntil"), e.GetString("ClaimedBy"), e.GetString("MessageId"),
            e.GetDateTimeOffset("SentAt"), (e.GetString("CopiesDone") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries),
            e.GetDateTimeOffset("FinishedAt"), e.GetString("Reason"), e.GetString("LastError"), e.GetDateTimeOffset("ScheduledAt") ?? default,
            EntityJson.Read<ReminderSnapshot>(e, "Snapshot")!, EntityJson.Read<List<ReminderEvent>>(e, "Events") ?? [], etag,
            EntityJson.Read<string>(e, "Details"));
}
