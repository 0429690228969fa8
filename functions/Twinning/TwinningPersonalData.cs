using System.Runtime.CompilerServices;
using Exchange.Common;
using Exchange.Reminders;

namespace Exchange.Twinning;

/// <summary>
/// Attendees of twinning meetings: their registrations and the reminders sent to them. Erasure
/// keeps the attendance the partnership reports (the seat, the organisation, the role, the dates)
/// and removes the person: name and address, from the registration and from its reminders.
/// </summary>
public sealed class TwinningPersonalData(
    RegistrationStore registrations, TwinningStore twinnings, MeetingReminders meetingReminders, ReminderStore reminders) : IPersonalDataHolder
{
    /// <summary>Last: the registration's address is how a repeated erasure finds the reminders again.</summary>
    public int ErasureStage => 1;

    public async Task FindAsync(PersonalDataSubject subject, CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.Email.Length == 0)
        {
            return;
        }
        foreach (var r in await registrations.ListForEmailAsync(subject.Email, ct))
        {
            if (r.Name.Length > 0)
            {
                subject.Names.Add(r.Name);
            }
        }
    }

    public async IAsyncEnumerable<PersonalRecord> ExportAsync(PersonalDataSubject subject, [EnumeratorCancellation] CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.Email.Length == 0)
        {
            yield break;
        }
        foreach (var r in (await registrations.ListForEmailAsync(subject.Email, ct)).OrderBy(r => r.RegisteredAt))
        {
            var meeting = await twinnings.GetMeetingAsync(r.TwinningId, r.MeetingId, ct);
            var title = meeting is null ? $"Twinning meeting {r.MeetingId}" : $"Twinning meeting: {meeting.Title}";
            yield return PersonalRecord.Of("attendance", title,
                ("Name", r.Name), ("E-mail", r.Email), ("Role", r.Role), ("Organisation", r.OrganisationId), ("Language", r.Language),
                ("Status", r.Status.ToString().ToLowerInvariant()), ("Reminders stopped", r.Unsubscribed), ("Registered", r.RegisteredAt),
                ("Registered by", r.RegisteredBy), ("Cancelled", r.CancelledAt));
            foreach (var reminder in await reminders.ListForMobilityAsync(r.SubjectId, ct))
            {
                yield return PersonalRecord.Of("reminder", $"{ReminderPolicy.Name(reminder.Kind)} ({title})",
                    ("Reminder", ReminderPolicy.Name(reminder.Kind)), ("Status", ReminderPolicy.Name(reminder.Status)), ("Planned for", reminder.DueAt),
                    ("Sent", reminder.SentAt), ("Finished", reminder.FinishedAt));
            }
        }
    }

    public async Task<int> EraseAsync(PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.Email.Length == 0)
        {
            return 0;
        }
        var changed = 0;
        foreach (var r in await registrations.ListForEmailAsync(subject.Email, ct))
        {
            if (!r.Unsubscribed && await twinnings.GetAsync(r.TwinningId, ct) is { } twinning && await twinnings.GetMeetingAsync(r.TwinningId, r.MeetingId, ct) is { } meeting)
            {
                // Stops what is pending while the registration still says whom the reminders were for.
                var note = await meetingReminders.BeginAsync(twinning.Id, meeting.Id, ct);
                var stopped = await registrations.SetUnsubscribedAsync(r, true, ct) ?? r;
                await meetingReminders.SyncAttendeesAsync(twinning, meeting, [stopped], note, ct);
            }
            changed += await reminders.AnonymiseAsync(r.SubjectId, ct);
            if (await registrations.AnonymiseAsync(r, ct))
            {
                changed++;
            }
        }
        return changed;
    }
}
