using Azure;
using Azure.Data.Tables;
using Exchange.Storage;

namespace Exchange.Twinning;

public enum RegistrationOutcome
{
    Saved,
    /// <summary>The meeting has fewer seats left than people to register; nothing was written.</summary>
    Full,
    /// <summary>The record changed since it was read.</summary>
    Stale,
    NotFound,
}

/// <summary>
/// Attendees, one partition per meeting (<c>{twinning}.{meeting}</c>), beside a seat counter row.
/// Registering writes the counter (under the ETag it was read with) and the new attendees in one
/// entity-group transaction: two editors filling the last seats at once cannot both succeed, and a
/// refused registration writes nothing at all. Cancelling frees the seat the same way.
/// </summary>
public sealed class RegistrationStore([FromKeyedServices(StorageNames.TwinningRegistrationsTable)] TableClient table)
{
    private const string SeatsRow = "~seats";
    private const int Attempts = 8;

    private static string Partition(string twinningId, string meetingId) => $"{twinningId}.{meetingId}";

    public async Task<IReadOnlyList<Registration>> ListAsync(string twinningId, string meetingId, CancellationToken ct)
    {
        var result = new List<Registration>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(twinningId, meetingId)}"), cancellationToken: ct))
        {
            if (e.RowKey != SeatsRow)
            {
                result.Add(ToRegistration(e));
            }
        }
        return result.OrderBy(r => r.RegisteredAt).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<Registration?> GetAsync(string twinningId, string meetingId, string id, CancellationToken ct)
    {
        if (!TwinningIds.IsValid(twinningId) || !TwinningIds.IsValid(meetingId) || !TwinningIds.IsValid(id))
        {
            return null;
        }
        return await table.FindAsync(Partition(twinningId, meetingId), id, ct: ct) is { } found ? ToRegistration(found) : null;
    }

    public async Task<int> TakenAsync(string twinningId, string meetingId, CancellationToken ct) => (await SeatsAsync(twinningId, meetingId, ct)).Taken;

    /// <summary>Registers everyone or no one: <see cref="RegistrationOutcome.Full"/> when fewer than that many seats are left under <paramref name="capacity"/>.</summary>
    public async Task<(RegistrationOutcome Outcome, IReadOnlyList<Registration> Saved, int Left)> RegisterAsync(
        string twinningId, string meetingId, int? capacity, IReadOnlyList<Registration> attendees, CancellationToken ct)
    {
        var partition = Partition(twinningId, meetingId);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var (taken, etag) = await SeatsAsync(twinningId, meetingId, ct);
            var left = capacity is { } cap ? Math.Max(0, cap - taken) : int.MaxValue;
            if (attendees.Count > left)
            {
                return (RegistrationOutcome.Full, [], left);
            }
            var actions = new List<TableTransactionAction> { SeatAction(partition, taken + attendees.Count, etag) };
            actions.AddRange(attendees.Select(a => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(a))));
            try
            {
                var response = await table.SubmitTransactionAsync(actions, ct);
                return (RegistrationOutcome.Saved, attendees.Select((a, i) => a with { ETag = response.Value[i + 1].Headers.ETag?.ToString() ?? "" }).ToList(),
                    capacity is null ? int.MaxValue : left - attendees.Count);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 && ex.FailedTransactionActionIndex == 0)
            {
                // Someone else took or freed a seat since the count was read: count again.
            }
        }
        throw new InvalidOperationException($"The seats of meeting {meetingId} kept changing; gave up after {Attempts} attempts.");
    }

    /// <summary>Marks the attendance cancelled and frees its seat, in one batch; the registration must still have <paramref name="etag"/> (or any, when null).</summary>
    public async Task<(RegistrationOutcome Outcome, Registration? Saved)> CancelAsync(Registration registration, string? etag, DateTimeOffset now, CancellationToken ct)
    {
        var partition = Partition(registration.TwinningId, registration.MeetingId);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await GetAsync(registration.TwinningId, registration.MeetingId, registration.Id, ct);
            if (current is null)
            {
                return (RegistrationOutcome.NotFound, null);
            }
            if (etag is not null && current.ETag != etag)
            {
                return (RegistrationOutcome.Stale, null);
            }
            if (!current.IsActive)
            {
                return (RegistrationOutcome.Saved, current);
            }
            var (taken, seatsETag) = await SeatsAsync(registration.TwinningId, registration.MeetingId, ct);
            var cancelled = current with { Status = AttendanceStatus.Cancelled, CancelledAt = now };
            try
            {
                var response = await table.SubmitTransactionAsync(
                [
                    SeatAction(partition, Math.Max(0, taken - 1), seatsETag),
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(cancelled), new ETag(current.ETag)),
                ], ct);
                return (RegistrationOutcome.Saved, cancelled with { ETag = response.Value[1].Headers.ETag?.ToString() ?? "" });
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
            {
                // The counter or the registration changed meanwhile: read both again.
            }
        }
        throw new InvalidOperationException($"The seats of meeting {registration.MeetingId} kept changing; gave up after {Attempts} attempts.");
    }

    /// <summary>Turns reminders off or on for one attendee, on the latest version.</summary>
    public async Task<Registration?> SetUnsubscribedAsync(Registration registration, bool unsubscribed, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await GetAsync(registration.TwinningId, registration.MeetingId, registration.Id, ct);
            if (current is null || current.Unsubscribed == unsubscribed)
            {
                return current;
            }
            try
            {
                var changed = current with { Unsubscribed = unsubscribed };
                var response = await table.UpdateEntityAsync(ToEntity(changed), new ETag(current.ETag), TableUpdateMode.Replace, ct);
                return changed with { ETag = response.Headers.ETag?.ToString() ?? "" };
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
            }
        }
        throw new InvalidOperationException($"Registration {registration.Id} kept changing.");
    }

    /// <summary>Every registration of one address, across all meetings (a scan: only the privacy requests need it).</summary>
    public async Task<IReadOnlyList<Registration>> ListForEmailAsync(string email, CancellationToken ct)
    {
        var result = new List<Registration>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Email eq {email}"), cancellationToken: ct))
        {
            if (e.RowKey != SeatsRow)
            {
                result.Add(ToRegistration(e));
            }
        }
        return result;
    }

    /// <summary>
    /// Removes the person from a registration: name and address go, reminders stay off. The seat,
    /// the organisation, the role and the dates stay, since they are the partnership's record that
    /// the meeting took place with that attendance. Returns false when there was nothing to remove.
    /// </summary>
    public async Task<bool> AnonymiseAsync(Registration registration, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await GetAsync(registration.TwinningId, registration.MeetingId, registration.Id, ct);
            if (current is null || (current.Name.Length == 0 && current.Email.Length == 0))
            {
                return false;
            }
            try
            {
                await table.UpdateEntityAsync(ToEntity(current with { Name = "", Email = "", Unsubscribed = true }), new ETag(current.ETag), TableUpdateMode.Replace, ct);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
            }
        }
        throw new InvalidOperationException($"Registration {registration.Id} kept changing.");
    }

    private async Task<(int Taken, string? ETag)> SeatsAsync(string twinningId, string meetingId, CancellationToken ct)
    {
        return await table.FindAsync(Partition(twinningId, meetingId), SeatsRow, ct: ct) is { } found ? (found.GetInt32("Taken") ?? 0, found.ETag.ToString()) : (0, null);
    }

    /// <summary>The counter's write: an insert when there was none (fails if one appeared meanwhile), else a replace under its ETag.</summary>
    private static TableTransactionAction SeatAction(string partition, int taken, string? etag) =>
        etag is null
            ? new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, SeatsRow) { ["Taken"] = taken })
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(partition, SeatsRow) { ["Taken"] = taken }, new ETag(etag));

    private static TableEntity ToEntity(Registration r) => new(Partition(r.TwinningId, r.MeetingId), r.Id)
    {
        ["OrganisationId"] = r.OrganisationId,
        ["Name"] = r.Name,
        ["Role"] = r.Role,
        ["Email"] = r.Email,
        ["Language"] = r.Language,
        ["Status"] = r.Status.ToString(),
        ["Unsubscribed"] = r.Unsubscribed,
        ["RegisteredAt"] = r.RegisteredAt,
        ["RegisteredBy"] = r.RegisteredBy,
        ["CancelledAt"] = r.CancelledAt,
    };

    private static Registration ToRegistration(TableEntity e)
    {
        var dot = e.PartitionKey.IndexOf('.', StringComparison.Ordinal);
        return new Registration(e.PartitionKey[..dot], e.PartitionKey[(dot + 1)..], e.RowKey, e.GetString("OrganisationId") ?? "", e.GetString("Name") ?? "",
            e.GetString("Role") ?? "", e.GetString("Email") ?? "", e.GetString("Language") ?? "en",
            Enum.Parse<AttendanceStatus>(e.GetString("Status") ?? nameof(AttendanceStatus.Registered)), e.GetBoolean("Unsubscribed") ?? false,
            e.GetDateTimeOffset("RegisteredAt") ?? default, e.GetString("RegisteredBy") ?? "", e.GetDateTimeOffset("CancelledAt"), e.ETag.ToString());
    }
}
