namespace Exchange.Common;

/// <summary>
/// Ids of records kept in their organisation's table partition: <c>{organisation}.{key}</c>,
/// so the id alone locates the entity and a partner's records share one partition.
/// </summary>
public static class OrganisationScopedId
{
    public static string New(string organisationId) =>
        $"{organisationId}.{Secrets.NewToken()[..10].ToLowerInvariant().Replace('_', 'x').Replace('-', 'y')}";

    public static (string Partition, string Row)? Parse(string id)
    {
        var dot = id.LastIndexOf('.');
        if (dot <= 0 || dot == id.Length - 1 || id.Length > 140 || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            return null;
        }
        return (id[..dot], id[(dot + 1)..]);
    }
}
