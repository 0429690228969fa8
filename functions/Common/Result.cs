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
