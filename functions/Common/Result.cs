using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Common;

/// <summary>
/// A handler step's outcome: the value, or the ProblemDetails to answer with. Steps return it so
/// that a handler reads as its sequence of steps (If-Match → load → body → validate → save),
/// each one leaving at the first problem.
/// </summary>
public readonly record struct Result<T>(T? Value, ProblemHttpResult? Problem)
{
    [MemberNotNullWhen(true, nameof(Problem))]
    public bool Failed => Problem is not null;

    /// <summary>The value, or the problem to answer with: <c>if (!step.TryGet(out var value, out var problem)) return problem;</c>.</summary>
    public bool TryGet([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        (value, problem) = (Value, Problem);
        return problem is null && value is not null;
    }

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(ProblemHttpResult problem) => new(default, problem);
}
