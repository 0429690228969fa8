using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Exchange.Contract;

/// <summary>
/// The API's contract: an OpenAPI 3.1 document generated from the endpoints themselves, served at
/// <see cref="DocumentPath"/>, and a reference page for open-data users at <see cref="ReferencePath"/>.
/// The site's TypeScript types are generated from the same document (web/src/api), and a test
/// keeps the copy there equal to what the API serves. The document is built on its first request,
/// not at start, so it costs nothing to a cold start.
/// </summary>
public static class ContractApi
{
    // The one document, under the framework's default name, so that a fixed path serves it.
    public const string DocumentName = "v1";
    public const string DocumentPath = "/api/openapi.json";
    public const string ReferencePath = "/api/reference";

    public static IServiceCollection AddContract(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // The HTTP API only: the site's pages and the Functions host's timer calls are not part of it. Every GET
            // answers HEAD too (see HeadRequests), which the document says once rather than for each path.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true && d.HttpMethod != HttpMethods.Head;
            // Two records are named CommentInput: a discussion's comment and the coordinator's comment on a practice under
            // review. One schema name for both would give the discussion's endpoint the review comment's shape.
            o.CreateSchemaReferenceId = t => t.Type == typeof(Practices.CommentInput)
                ? "ReviewCommentInput"
                : OpenApiOptions.CreateDefaultSchemaReferenceId(t);
            o.AddDocumentTransformer<ContractDocument>();
            o.AddSchemaTransformer(ContractDocument.NumbersAreNumbers);
            o.AddOperationTransformer<ContractOperations>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapContract(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("Exchange API")
                .WithOpenApiRoutePattern(DocumentPath)
                .DisableDefaultFonts()
                .DisableTelemetry()
                // For readers of the open data: no AI chat, SDK generator or deploy buttons, which would call
                // third-party services that the page's policy (rightly) does not let it reach.
                .HideDeveloperTools()
                .DisableAgent()
                .DisableMcp())
            .AddEndpointFilter(ReferencePage.ApplyPolicyAsync)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Build step (<c>--write-openapi path</c>): writes the document without serving anything or
    /// touching storage, for the site's generated types (see tools/generate-api-types.sh).
    /// </summary>
    public static async Task<bool> WriteIfRequestedAsync(WebApplication app, string[] args)
    {
        if (!args.Contains("--write-openapi"))
        {
            return false;
        }
        var path = args.SkipWhile(a => a != "--write-openapi").Skip(1).FirstOrDefault() ?? "openapi.json";
        // Routing joins the mapped endpoints as the server would at start; the server itself never starts.
        app.UseRouting();
        app.UseEndpoints(_ => { });
        var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName).GetOpenApiDocumentAsync();
        await using var file = File.Create(path);
        await using var text = new StreamWriter(file);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return true;
    }
}
