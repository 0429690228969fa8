namespace Exchange.Materials;

/// <summary>
/// A 302 to a URL that carries a SAS. Not <c>TypedResults.Redirect</c>: its result logs the
/// destination at Information level, and a SAS must never reach a log.
/// </summary>
public sealed class SasRedirect(Uri location) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status302Found;

    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location.AbsoluteUri;
        return Task.CompletedTask;
    }
}
