using Exchange.Accounts;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Exchange.Contract;

/// <summary>The document's own parts: what the API is, and the two ways a caller is recognised.</summary>
internal sealed class ContractDocument : IOpenApiDocumentTransformer
{
    public const string SessionScheme = "session";
    public const string ParticipantScheme = "participantLink";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Exchange API",
            Version = "1",
            Description =
                "The API behind the Exchange site: best practices, materials, mobilities and twinnings of a European " +
                "family-support partnership. The catalogue of published practices, the partners and the materials' " +
                "listings are open data: read them without signing in. Every error is an RFC 9457 problem " +
                "(`application/problem+json`); a 400 names each field at fault in `errors`. An edit sends back the " +
                "record's `ETag` in `If-Match`, and a stale one is answered with 409.",
        };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SessionScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = SessionAuthenticationHandler.CookieName,
            Description = "The session of a signed-in partner or coordinator, set by `POST /api/auth/complete` after a sign-in link. " +
                          "Requests that change something must come from the site's own origin.",
        };
        document.Components.SecuritySchemes[ParticipantScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = "token",
            Description = "The signed token in the link of a participant's or attendee's mail, without an account. " +
                          "It goes in the `token` query parameter; the essay, which has a body, carries it as the body's `token`.",
        };
        return Task.CompletedTask;
    }

    /// <summary>
    /// The wire's numbers are JSON numbers. The web defaults also read a number from a string
    /// (and the schema would say "number or numeric string"); that leniency is no part of the contract.
    /// </summary>
    public static Task NumbersAreNumbers(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        return Task.CompletedTask;
    }

    /// <summary>The id of the component schema for <paramref name="type"/>, registered in the document once.</summary>
    public static async Task<string> ComponentAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var id = type.Name;
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(id))
        {
            document.Components.Schemas[id] = await context.GetOrCreateSchemaAsync(type, null, ct);
        }
        return id;
    }
}
