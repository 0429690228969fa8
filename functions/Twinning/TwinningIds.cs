using System.Security.Cryptography;
using Exchange.Common;

namespace Exchange.Twinning;

/// <summary>Ids of twinnings, meetings, posts and registrations: lower-case letters, digits and hyphens, safe in keys, URLs and signed links.</summary>
public static class TwinningIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A readable id: the title's slug and a random tail, e.g. <c>family-mediation-k3x9qa</c>.</summary>
    public static string ForTwinning(string title)
    {
        var slug = TextFolding.Slug(title, 48);
        return (slug.Length == 0 ? "twinning" : slug) + "-" + Random(6);
    }

    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
