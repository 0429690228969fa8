namespace Exchange.Common;

/// <summary>
/// The grammar of the conditional headers (RFC 9110 §8.8.3, §13.1): <c>If-Match</c> and
/// <c>If-None-Match</c> are <c>*</c> or a comma-separated list of entity tags, each
/// <c>[W/]"opaque"</c>. One parser for every route, so a malformed value is refused the same
/// way everywhere instead of reaching storage, which answers it with an error of its own.
/// </summary>
public static class EntityTags
{
    /// <summary>
    /// Longest header value accepted. The ETags this API issues are under 70 characters; a
    /// handful of them fit, and nothing longer has a reason to exist.
    /// </summary>
    public const int MaxHeaderLength = 512;

    public static readonly string[] ConditionalHeaders = ["If-Match", "If-None-Match"];

    /// <summary>
    /// Reads a header's values (several fields combine as one list). Null when well formed,
    /// otherwise why not, in words fit for the client.
    /// </summary>
    public static string? Check(IReadOnlyList<string?> values, out IReadOnlyList<string> tags, out bool any)
    {
        var found = new List<string>();
        tags = found;
        any = false;
        var length = values.Sum(v => v?.Length ?? 0);
        if (length > MaxHeaderLength)
        {
            return $"The value is {length} characters long; the limit is {MaxHeaderLength}.";
        }
        var present = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList();
        if (present.Count == 1 && present[0].Trim() == "*")
        {
            any = true;
            return null;
        }
        foreach (var value in present)
        {
            if (ReadList(value, found) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>A comma-separated list of entity tags; empty elements are allowed, as in every HTTP list.</summary>
    private static string? ReadList(string value, List<string> tags)
    {
        var i = 0;
        while (true)
        {
            SkipWhitespace(value, ref i);
            if (i == value.Length)
            {
                return null;
            }
            if (value[i] == ',')
            {
                i++;
                continue;
            }
            var start = i;
            if (string.CompareOrdinal(value, i, "W/", 0, 2) == 0)
            {
                i += 2;
            }
            if (i == value.Length || value[i] != '"')
            {
                return "Send \"*\" alone, or entity tags in double quotes such as \"abc\" or W/\"abc\", exactly as the ETag header gave them.";
            }
            i++;
            while (i < value.Length && value[i] != '"')
            {
                if (!IsETagChar(value[i]))
                {
                    return "An entity tag holds a character that is not allowed; send the ETag exactly as you received it.";
                }
                i++;
            }
            if (i == value.Length)
            {
                return "An entity tag is missing its closing double quote.";
            }
            i++;
            tags.Add(value[start..i]);
            SkipWhitespace(value, ref i);
            if (i < value.Length && value[i] != ',')
            {
                return "Separate entity tags with commas.";
            }
        }
    }

    /// <summary>etagc = %x21 / %x23-7E / obs-text; obs-text arrives as Latin-1 characters.</summary>
    private static bool IsETagChar(char c) => c == '!' || (c >= '#' && c <= '~') || (c >= '\u0080' && c <= '\u00ff');

    private static void SkipWhitespace(string value, ref int i)
    {
        while (i < value.Length && value[i] is ' ' or '\t')
        {
            i++;
        }
    }
}
