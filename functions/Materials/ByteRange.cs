using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;

namespace Exchange.Materials;

/// <summary>
/// The single byte range a download asks for (RFC 9110 §14). Several ranges, a malformed
/// header, or an If-Range that does not match the current file all mean: send the whole file.
/// </summary>
public readonly record struct ByteRange(long From, long Length, bool Satisfiable)
{
    public static ByteRange? Requested(RequestHeaders headers, EntityTagHeaderValue etag, long size)
    {
        var range = headers.Range;
        if (range is null || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count != 1)
        {
            return null;
        }
        if (headers.IfRange is { } ifRange && (ifRange.EntityTag is null || !ifRange.EntityTag.Compare(etag, useStrongComparison: true)))
        {
            return null;
        }
        var item = range.Ranges.Single();
        if (item.From is { } from)
        {
            if (from >= size)
            {
                return new ByteRange(0, 0, false);
            }
            var to = Math.Min(item.To ?? size - 1, size - 1);
            return new ByteRange(from, to - from + 1, true);
        }
        if (item.To is { } suffix)
        {
            return suffix <= 0 ? new ByteRange(0, 0, false) : new ByteRange(Math.Max(0, size - suffix), Math.Min(suffix, size), true);
        }
        return null;
    }
}
