using Exchange.Accounts;
using Exchange.Audit;
using Exchange.Common;
using Microsoft.Extensions.Options;

namespace Exchange.Privacy;

/// <summary>The retention periods as configured, for the timer and for the privacy page alike.</summary>
public sealed record RetentionFigures(
    int SignInLinkMinutes, int SessionHours, int InvitationLinkDays, int UnredeemedInvitationsDays, int OutboxCopiesDays,
    int ReminderLogDaysAfterVisit, int ParticipantsDaysAfterProject, int AuditLogDays, bool ProjectRecordsKept);

public sealed class RetentionPolicy(IOptions<PrivacyOptions> privacy, IOptions<AuditOptions> audit, IOptions<AccountsOptions> accounts)
{
    public RetentionPeriods Periods => privacy.Value.Retention.Periods(audit.Value.Retention);

    public RetentionFigures Figures(bool projectRecordsKept)
    {
        var p = Periods;
        var a = accounts.Value;
        return new RetentionFigures((int)a.SignInLinkLifetime.TotalMinutes, (int)a.SessionLifetime.TotalHours, (int)a.InvitationLifetime.TotalDays,
            (int)p.UnredeemedInvitations.TotalDays, (int)p.OutboxCopies.TotalDays, (int)p.ReminderLogAfterVisit.TotalDays,
            (int)p.ParticipantsAfterProject.TotalDays, (int)p.AuditLog.TotalDays, projectRecordsKept);
    }
}
