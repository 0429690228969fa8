using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Common;

/// <summary>
/// Reads a JSON request body with explicit limits so that every failure becomes a
/// ProblemDetails answer (415, 413, 400 naming the field) instead of an empty 400.
/// </summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = 64 * 1024;

    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return Problems.UnsupportedMediaType("Send the body as application/json.");
        }

        if (request.ContentLength > maxBytes)
        {
            return Problems.TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return Problems.TooLarge(maxBytes);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(maxBytes);
        }

        if (buffer.Length == 0)
        {
            return Problems.Validation(("body", "A JSON body is required."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), JsonDefaults.Options);
            return value is null ? Problems.Validation(("body", "A JSON object is required.")) : value;
        }
        catch (JsonException ex)
        {
            var field = FieldFromPath(ex.Path);
            return Problems.Validation((field, "This value is not valid JSON of the expected type."));
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null &&
        (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
         contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase));

    private static string FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }
        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return trimmed.Length == 0 ? "body" : trimmed;
    }
}
