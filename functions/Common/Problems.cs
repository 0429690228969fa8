using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Common;

/// <summary>The single error shape: RFC 9457 ProblemDetails, with field names where a field is at fault.</summary>
public static class Problems
{
    public static ProblemHttpResult Validation(params (string Field, string Message)[] errors) =>
        Validation(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    /// <summary>A 400 naming each bad field, with its English messages in <c>errors</c> and their stable codes in <c>codes</c>.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, IDictionary<string, string[]>? codes = null)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Some fields need attention.",
            Detail = string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        };
        problem.Extensions["codes"] = codes ?? errors.ToDictionary(e => e.Key, e => e.Value.Select(_ => ProblemCodes.Invalid).ToArray());
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} was not found.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: detail);

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
            detail: $"The limit is {maxBytes} bytes.");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.", detail: detail);

    public static ProblemHttpResult PreconditionRequired(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match header required.", detail: detail);
}
