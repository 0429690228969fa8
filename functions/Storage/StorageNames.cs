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
    public const string MobilitiesTable = "Mobilities";
    public const string EssaysTable = "Essays";
    /// <summary>Reminders waiting to go out, partitioned by their 15-minute due slot.</summary>
    public const string RemindersTable = "Reminders";
    /// <summary>Every reminder of every mobility, partitioned by mobility: the authority and the history.</summary>
    public const string ReminderLogTable = "ReminderLog";
    public const string ReminderFailuresTable = "ReminderFailures";
    /// <summary>Who did what and when among the coordinators' actions, partitioned by month; no personal content beyond the acting account.</summary>
    public const string AuditLogTable = "AuditLog";

    public const string OutboxContainer = "outbox";
    public const string MaterialsContainer = "materials";

    public static readonly IReadOnlyList<string> Tables =
    [
        OrganisationsTable, UsersTable, TokensTable, SessionsTable, PracticesTable, MetaTable,
        MaterialsTable, MaterialTextTable, MaterialDownloadsTable,
        MobilitiesTable, EssaysTable, RemindersTable, ReminderLogTable, ReminderFailuresTable, AuditLogTable,
    ];

    public static readonly IReadOnlyList<string> Containers = [OutboxContainer, MaterialsContainer];
}
