using System.Globalization;
using System.Text.RegularExpressions;
using Exchange.Common;

namespace Exchange.Storage;

/// <summary>
/// The <c>If-Match</c> of an edit: the one path every edit endpoint takes from the header to the
/// ETag-guarded table write. The records' ETags are Table storage's own
/// (<c>W/"datetime'2026-01-31T10%3A00%3A00.1234567Z'"</c>), and storage answers anything else
/// with an error rather than "changed meanwhile", so a value that cannot be one of them is the
/// client's mistake (400) and never reaches storage. A well-formed ETag of an older version is
/// stale, as before: the store reports it and the endpoint answers 409.
/// </summary>
public static partial class EditPrecondition
{
    public const string Header = "If-Match";

    /// <summary>The ETag to save with, or the problem: 428 without the header, 400 when it is not one ETag of ours.</summary>
    public static Result<string> Require(HttpRequest request, string what)
    {
        var values = request.Headers.IfMatch;
        if (values.All(string.IsNullOrWhiteSpace))
        {
            return Problems.PreconditionRequired($"Send the {what}'s ETag in If-Match, so that concurrent edits are not lost.");
        }
        if (EntityTags.Check(values, out var tags, out var any) is { } malformed)
        {
            return Problems.Validation((Header, malformed));
        }
        if (any)
        {
            return "*";
        }
        if (tags.Count != 1)
        {
            return Problems.Validation((Header, $"Send exactly one ETag: the one the {what} came with."));
        }
        return TableETag(tags[0]) is { } etag
            ? etag
            : Problems.Validation((Header, $"This is not an ETag this API gave out. Send the ETag header of the {what} exactly as you received it."));
    }

    /// <summary>For an edit that may also create: no header means "create" (no ETag); a header present must be one ETag of ours.</summary>
    public static Result<string?> Optional(HttpRequest request, string what)
    {
        if (request.Headers.IfMatch.All(string.IsNullOrWhiteSpace))
        {
            return new Result<string?>(null, null);
        }
        return Require(request, what).TryGet(out var etag, out var problem) ? etag : problem;
    }

    /// <summary>A Table storage ETag in the form storage accepts (weak), or null when the value cannot be one.</summary>
    public static string? TableETag(string tag)
    {
        var match = TableETagPattern().Match(tag);
        if (!match.Success)
        {
            return null;
        }
        var timestamp = Uri.UnescapeDataString(match.Groups["time"].Value);
        return DateTimeOffset.TryParseExact(timestamp, ["yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out _)
            ? $"W/\"datetime'{match.Groups["time"].Value}'\""
            : null;
    }

    // The strong form of the same tag is accepted too: it names the same version.
    [GeneratedRegex("""^(W/)?"datetime'(?<time>\d{4}-\d{2}-\d{2}T\d{2}%3A\d{2}%3A\d{2}(\.\d{1,7})?Z)'"$""", RegexOptions.CultureInvariant)]
    private static partial Regex TableETagPattern();
}
