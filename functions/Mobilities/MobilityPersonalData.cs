using System.Runtime.CompilerServices;
using Exchange.Common;
using Exchange.Reminders;
using Microsoft.Extensions.Options;

namespace Exchange.Mobilities;

/// <summary>
/// Participants' personal data: their visits, reminders and essays. Erasure keeps what the
/// partnership reports to its funder (that a visit happened, its dates, the sending and host
/// organisations, the profession) and removes the person: name, address, and the essay unless
/// they keep a published one anonymously. An editor's name on visits they registered gives way to
/// their organisation.
/// </summary>
public sealed class MobilityPersonalData(
    MobilityStore mobilities, EssayStore essays, ReminderStore reminders, ReminderScheduler scheduler,
    IOptions<MobilitiesOptions> options, TimeProvider time) : IPersonalDataHolder
{
    /// <summary>Last: the visit's participant address is how a repeated erasure finds everything else again.</summary>
    public int ErasureStage => 1;

    public async Task FindAsync(PersonalDataSubject subject, CancellationToken ct)
    {
        if (subject.Email.Length == 0)
        {
            return;
        }
        foreach (var m in await mobilities.ListForParticipantAsync(subject.Email, ct))
        {
            subject.MobilityIds.Add(m.Id);
            if (m.ParticipantName.Length > 0)
            {
                subject.Names.Add(m.ParticipantName);
            }
        }
    }

    public async IAsyncEnumerable<PersonalRecord> ExportAsync(PersonalDataSubject subject, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var id in subject.MobilityIds.Order(StringComparer.Ordinal))
        {
            if (await mobilities.GetAsync(id, ct) is not { } m)
            {
                continue;
            }
            yield return PersonalRecord.Of("visit", $"Visit {m.StartDate:yyyy-MM-dd} to {m.EndDate:yyyy-MM-dd}",
                ("Name", m.ParticipantName), ("E-mail", m.ParticipantEmail), ("Language", m.Language), ("Profession", m.Profession), ("Home country", m.HomeCountry),
                ("Sending organisation", m.SendingOrganisationId), ("Host organisation", m.HostOrganisationId), ("First day", m.StartDate), ("Last day", m.EndDate),
                ("Status", m.Status.ToString().ToLowerInvariant()), ("Reminders stopped", m.Unsubscribed), ("Reminders stopped on", m.UnsubscribedAt),
                ("Essay sent", m.EssaySubmittedAt), ("Registered", m.CreatedAt));
            yield return PersonalRecord.Of("subscription", $"Reminders for the visit of {m.StartDate:yyyy-MM-dd}",
                ("Subscribed", !m.Unsubscribed), ("Unsubscribed on", m.UnsubscribedAt));
            foreach (var r in await reminders.ListForMobilityAsync(m.Id, ct))
            {
                yield return PersonalRecord.Of("reminder", $"{ReminderPolicy.Name(r.Kind)} ({m.StartDate:yyyy-MM-dd})",
                    ("Reminder", ReminderPolicy.Name(r.Kind)), ("Status", ReminderPolicy.Name(r.Status)), ("Planned for", r.DueAt), ("Sent", r.SentAt),
                    ("Finished", r.FinishedAt), ("Reason", r.Reason));
            }
            if (await essays.GetAsync(m.Id, ct) is { } essay)
            {
                yield return PersonalRecord.Of("essay", $"Essay on the visit of {m.StartDate:yyyy-MM-dd}",
                    ("Text", essay.Text), ("Consent to publish", essay.ConsentToPublish), ("Status", essay.Status.ToString().ToLowerInvariant()),
                    ("Sent", essay.SubmittedAt), ("Published", essay.PublishedAt));
            }
        }
        if (subject.Email.Length > 0 && !subject.VisitsOnly)
        {
            // An editor's own records: which visits they registered or changed, not the participants' details.
            foreach (var m in await mobilities.ListWrittenByAsync(subject.Email, ct))
            {
                yield return PersonalRecord.Of("authored", $"Visit registration {m.Id}",
                    ("Visit", m.Id), ("Registered by you", m.CreatedBy == subject.Email), ("Registered", m.CreatedAt), ("Last changed by you", m.UpdatedBy == subject.Email),
                    ("Last changed", m.UpdatedAt));
            }
        }
    }

    public async Task<int> EraseAsync(PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var changed = 0;
        foreach (var id in subject.MobilityIds)
        {
            changed += await AnonymiseVisitAsync(id, subject, choices, ct);
        }
        if (subject.Email.Length > 0 && !subject.VisitsOnly)
        {
            var organisation = subject.OrganisationId ?? "";
            foreach (var m in await mobilities.ListWrittenByAsync(subject.Email, ct))
            {
                await mobilities.UpdateAsync(m.Id, c => c with
                {
                    CreatedBy = c.CreatedBy == subject.Email ? organisation : c.CreatedBy,
                    UpdatedBy = c.UpdatedBy == subject.Email ? organisation : c.UpdatedBy,
                }, ct);
                changed++;
            }
        }
        return changed;
    }

    private async Task<int> AnonymiseVisitAsync(string id, PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        if (await mobilities.GetAsync(id, ct) is not { } m)
        {
            return 0;
        }
        if (m.ParticipantEmail.Length > 0 && !string.Equals(m.ParticipantEmail, subject.Email, StringComparison.OrdinalIgnoreCase))
        {
            // The visit was given another participant since it was found: not this person's any more.
            return 0;
        }
        var changed = 0;
        if (!m.Unsubscribed)
        {
            // Stops what is pending the way an unsubscribe does, while the record still says whom the reminders were for.
            var note = await scheduler.BeginAsync(m.Id, ct);
            await mobilities.UpdateAsync(m.Id, c => c with { Unsubscribed = true, UnsubscribedAt = time.GetUtcNow() }, ct);
            await scheduler.FollowAsync(note);
            changed++;
        }
        changed += await reminders.AnonymiseAsync(m.Id, ct);
        if (await essays.GetAsync(m.Id, ct) is { } essay)
        {
            if (essay.Status == EssayStatus.Published && choices.KeepEssayPublishedAnonymously)
            {
                if (essay.ParticipantName.Length > 0 && await essays.SaveAsync(essay with { ParticipantName = "" }, ct) is null)
                {
                    throw new InvalidOperationException($"The essay of mobility {m.Id} changed during erasure; run the erasure again.");
                }
            }
            else
            {
                await essays.DeleteAsync(m.Id, ct);
            }
            changed++;
        }
        if (m.ParticipantName.Length > 0 || m.ParticipantEmail.Length > 0)
        {
            await mobilities.UpdateAsync(m.Id, c => c with { ParticipantName = "", ParticipantEmail = "" }, ct);
            changed++;
        }
        return changed;
    }

    public async Task<IReadOnlyList<RetentionCount>> ApplyRetentionAsync(RetentionPeriods periods, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = DateOnly.FromDateTime((now - periods.ReminderLogAfterVisit).UtcDateTime);
        var deleted = 0;
        foreach (var m in await mobilities.ListEndedBeforeAsync(cutoff, named: false, ct))
        {
            deleted += await reminders.DeleteForMobilityAsync(m.Id, ct);
        }
        return [new RetentionCount("reminder-log", deleted)];
    }

    /// <summary>
    /// Visits whose participants are kept no longer: those that ended more than the retention
    /// period ago, and only once the project itself ended that long ago (when its end is configured).
    /// </summary>
    public async IAsyncEnumerable<PersonalDataSubject> ExpiredVisitsAsync(RetentionPeriods periods, DateTimeOffset now, [EnumeratorCancellation] CancellationToken ct)
    {
        var cutoff = DateOnly.FromDateTime((now - periods.ParticipantsAfterProject).UtcDateTime);
        if (options.Value.ProjectEnd is { } end && end >= cutoff)
        {
            yield break;
        }
        foreach (var m in await mobilities.ListEndedBeforeAsync(cutoff, named: true, ct))
        {
            var subject = new PersonalDataSubject(m.ParticipantEmail) { VisitsOnly = true };
            subject.MobilityIds.Add(m.Id);
            subject.Names.Add(m.ParticipantName);
            yield return subject;
        }
    }
}
