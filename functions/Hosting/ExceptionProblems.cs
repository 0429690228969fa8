using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;

namespace Exchange.Hosting;

/// <summary>
/// The one place where an exception becomes an answer. A request the framework could not read
/// (a query parameter that does not parse, a body over the limit) is the client's mistake and
/// gets a 4xx naming what was wrong; anything else is our bug: 500, logged as an error, with no
/// internal detail in the response.
/// </summary>
public sealed partial class ExceptionProblems(IProblemDetailsService problems, ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Classify(context, exception);
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            StorageUnavailable.SetRetryAfter(context);
            logger.LogWarning("{Method} {Path} answered 503, storage unavailable: {Reason}", context.Request.Method, context.Request.Path, Describe(exception));
        }
        else
        {
            logger.LogInformation("{Method} {Path} answered {Status}: {Reason}", context.Request.Method, context.Request.Path, problem.Status, exception.Message);
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails Classify(HttpContext context, Exception exception) => exception switch
    {
        BadHttpRequestException bad when BindingFailure().Match(bad.Message) is { Success: true } binding =>
            Validation(binding.Groups["name"].Value, binding.Groups["kind"].Value == "Required"
                ? "This parameter is required."
                : BindingFailures.NotValid(binding.Groups["value"].Value)),
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
        },
        // The request's time ran out while storage stalled.
        OperationCanceledException when context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true =>
            StorageUnavailable.Problem(),
        // The client went away; nobody reads this answer, but the log should not call it our bug.
        OperationCanceledException when context.RequestAborted.IsCancellationRequested => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request was cancelled.",
        },
        _ when StorageFaults.IsUnavailable(exception) => StorageUnavailable.Problem(),
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Something went wrong on our side.",
            Detail = "The error has been logged. Try again later; if it keeps happening, tell the project coordinator.",
        },
    };

    /// <summary>The exception's kind and message, and its inner ones' (an aggregate's), on one line without a stack trace.</summary>
    private static string Describe(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Describe))
            : $"{exception.GetType().Name}: {exception.Message.Split('\n')[0]}";

    public static HttpValidationProblemDetails Validation(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Some fields need attention.",
            Detail = $"{field}: {message}",
        };

    // The framework's messages: Failed to bind parameter "int? days" from "abc". / Required parameter "string id" was not provided from route.
    [GeneratedRegex("""^(?<kind>Failed to bind|Required) parameter "(?<type>.*) (?<name>[^ "]+)"( from "(?<value>.*)")?""", RegexOptions.Singleline)]
    private static partial Regex BindingFailure();
}
