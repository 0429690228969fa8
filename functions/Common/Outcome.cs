using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Common;

/// <summary>
/// A domain rule's outcome: the new value, or why the rule refuses, in words for the person who
/// asked. Rules stay free of HTTP; a handler turns the refusal into its ProblemDetails with
/// <see cref="OrProblem"/>, the one place where the two shapes meet (<see cref="Result{T}"/>).
/// </summary>
public readonly record struct Outcome<T>(T? Value, string? Reason, RefusalKind Kind = RefusalKind.Refused) where T : class
{
    /// <summary>The value, or the refusal: <c>if (!rule.TryGet(out var value, out var refusal)) …</c>.</summary>
    public bool TryGet([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? refusal)
    {
        (value, refusal) = (Value, Value is null ? Reason ?? "Refused." : null);
        return value is not null;
    }

    /// <summary>The handler's step: the value, or the refusal as the ProblemDetails the endpoint answers with.</summary>
    public Result<T> OrProblem(Func<string, ProblemHttpResult> problem) =>
        TryGet(out var value, out var refusal) ? value : problem(refusal);

    /// <summary>For callers whose own checks rule out a refusal (seeding, generated content): one is a bug, said loudly.</summary>
    public T OrThrow() =>
        TryGet(out var value, out var refusal) ? value : throw new InvalidOperationException(refusal);

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(null, refusal.Reason, refusal.Kind);
}

/// <summary>
/// What kind of "no" a rule gives, when its caller answers each kind differently (an upload: gone,
/// not valid, too large, of a type not taken…). Most rules give the one kind, <see cref="Refused"/>.
/// </summary>
public enum RefusalKind
{
    Refused,
    Invalid,
    NotFound,
    Gone,
    TooLarge,
    Unsupported,
}

/// <summary>A rule's "no", for any <see cref="Outcome{T}"/>: <c>return Outcome.Refuse("…")</c>.</summary>
public readonly record struct Refusal(string Reason, RefusalKind Kind = RefusalKind.Refused);

public static class Outcome
{
    public static Refusal Refuse(string reason, RefusalKind kind = RefusalKind.Refused) => new(reason, kind);
}
