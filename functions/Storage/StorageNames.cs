namespace Exchange.Storage;

/// <summary>Every table and container the app uses; created once at start.</summary>
public static class StorageNames
{
    public const string OrganisationsTable = "Organisations";
    public const string UsersTable = "Users";
    public const string TokensTable = "Tokens";
    public const string SessionsTable = "Sessions";
    public const string PracticesTable = "Practices";
    public const string MetaTable = "Meta";
    public const string MaterialsTable = "Materials";
    public const string MaterialTextTable = "MaterialText";
    public const string MaterialDownloadsTable = "MaterialDownloads";
    /// <summary>Upload slots handed out and not yet committed, partitioned by material.</summary>
    public const string MaterialUploadsTable = "MaterialUploads";
    public const string MobilitiesTable = "Mobilities";
    public const string EssaysTable = "Essays";
    /// <summary>Reminders waiting to go out, partitioned by their 15-minute due slot.</summary>
    public const string RemindersTable = "Reminders";
    /// <summary>Every reminder of every mobility, partitioned by mobility: the authority and the history.</summary>
    public const string ReminderLogTable = "ReminderLog";
    public const string ReminderFailuresTable = "ReminderFailures";
    /// <summary>Who did what and when among the coordinators' actions, partitioned by month; no personal content beyond the acting account.</summary>
    public const string AuditLogTable = "AuditLog";
    /// <summary>One partition per twinning: the twinning, its meetings, posts and outcomes, read together by its page.</summary>
    public const string TwinningsTable = "Twinnings";
    /// <summary>Attendees, one partition per meeting with its seat counter, so a registration and the count change in one batch.</summary>
    public const string TwinningRegistrationsTable = "TwinningRegistrations";
    /// <summary>The services the coordinator added to the twinning vocabulary.</summary>
    public const string TwinningServicesTable = "TwinningServices";
    /// <summary>Work the API has accepted and still has to do after answering (sign-in links, notices).</summary>
    public const string PendingWorkTable = "PendingWork";
    /// <summary>Comments on practices and twinnings, one partition per thread.</summary>
    public const string CommentsTable = "Comments";
    /// <summary>New comments waiting for their organisation's daily digest, one partition per organisation.</summary>
    public const string CommentNoticesTable = "CommentNotices";
    /// <summary>Organisations' digest switches and the names people comment under.</summary>
    public const string DiscussionSettingsTable = "DiscussionSettings";
    /// <summary>Transfer records ("we tried this"), one partition per practice taken up.</summary>
    public const string TransfersTable = "Transfers";
    /// <summary>Handbooks the coordinator composed, with their generation state.</summary>
    public const string HandbooksTable = "Handbooks";

    public const string OutboxContainer = "outbox";
    public const string MaterialsContainer = "materials";
    /// <summary>The editable (Word) files of generated handbooks; the PDFs are materials.</summary>
    public const string HandbooksContainer = "handbooks";

    public static readonly IReadOnlyList<string> Tables =
    [
        OrganisationsTable, UsersTable, TokensTable, SessionsTable, PracticesTable, MetaTable,
        MaterialsTable, MaterialTextTable, MaterialDownloadsTable, MaterialUploadsTable,
        MobilitiesTable, EssaysTable, RemindersTable, ReminderLogTable, ReminderFailuresTable, PendingWorkTable, AuditLogTable,
        TwinningsTable, TwinningRegistrationsTable, TwinningServicesTable,
        CommentsTable, CommentNoticesTable, DiscussionSettingsTable, TransfersTable, HandbooksTable,
    ];

    public static readonly IReadOnlyList<string> Containers = [OutboxContainer, MaterialsContainer, HandbooksContainer];
}
