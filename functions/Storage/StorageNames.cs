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

    public const string OutboxContainer = "outbox";
    public const string MaterialsContainer = "materials";

    public static readonly IReadOnlyList<string> Tables =
    [
        OrganisationsTable, UsersTable, TokensTable, SessionsTable, PracticesTable, MetaTable,
        MaterialsTable, MaterialTextTable, MaterialDownloadsTable, MaterialUploadsTable,
        MobilitiesTable, EssaysTable, RemindersTable, ReminderLogTable, ReminderFailuresTable,
    ];

    public static readonly IReadOnlyList<string> Containers = [OutboxContainer, MaterialsContainer];
}
