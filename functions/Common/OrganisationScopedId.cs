namespace Exchange.Common;

/// <summary>
/// Ids of records kept in their organisation's table partition: <c>{organisation}--{key}</c>,
/// so the id alone locates the entity and a partner's records share one partition. A slug never
/// holds "--", and an id without a dot is never mistaken for a file name in a page's URL.
/// </summary>
public static class OrganisationScopedId
{
    private const string Separator = "--";

    public static string New(string organisationId) =>
        Compose(organisationId, Secrets.NewToken()[..10].ToLowerInvariant().Replace('_', 'x').Replace('-', 'y'));

    public static string Compose(string organisationId, string key) => organisationId + Separator + key;

    /// <summary>
    /// The key range holding exactly one organisation's ids, for tables keyed by those ids:
    /// every id of the organisation starts with "{organisation}--", and '.' sorts right after '-'.
    /// </summary>
    public static (string From, string To) RangeOf(string organisationId) => (organisationId + Separator, organisationId + "-.");

    public static (string Partition, string Row)? Parse(string id)
    {
        var at = id.LastIndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0 || at + Separator.Length >= id.Length || id.Length > 140 || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return null;
        }
        var key = id[(at + Separator.Length)..];
        return key.Contains('-') ? null : (id[..at], key);
    }
}
