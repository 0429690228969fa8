using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Common;

/// <summary>
/// A handler step's outcome: the value, or the ProblemDetails to answer with. Steps return it so
/// that a handler reads as its sequence of steps (If-Match → load → body → validate → save),
/// each one leaving at the first problem.
/// </summary>
public readonly record struct Result<T>(T? Value, ProblemHttpResult? Problem)
{
    public bool Failed => Problem is not null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(ProblemHttpResult problem) => new(default, problem);
}

public static class IfMatch
{
    /// <summary>The request's If-Match value, or 428 naming what to send.</summary>
    public static Result<string> Require(HttpRequest request, string what)
    {
        var value = request.Headers.IfMatch.ToString();
        return string.IsNullOrWhiteSpace(value)
            ? Problems.PreconditionRequired($"Send the {what}'s ETag in If-Match, so that concurrent edits are not lost.")
            : value;
    }
}
