using Exchange.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Exchange.Contract;

/// <summary>
/// The parts of each operation that the handlers' signatures cannot say: the ProblemDetails
/// answers every endpoint may give (derived once, here, from what the endpoint declares, so that
/// the rules cannot drift apart between endpoints), who may call it, and the ETag headers of the
/// edit cycle.
/// </summary>
internal sealed class ContractOperations : IOpenApiOperationTransformer
{
    public const string ProblemMediaType = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var document = context.Document ?? throw new InvalidOperationException("Operations are transformed within their document.");
        var method = description.HttpMethod ?? "GET";
        var unsafeMethod = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var participant = metadata.OfType<ParticipantLinkMetadata>().Any();
        var ifMatch = metadata.OfType<IfMatchMetadata>().LastOrDefault();
        var body = metadata.OfType<IAcceptsMetadata>().Any(a => a.RequestType is not null);
        var parameters = description.ParameterDescriptions.Where(p => p.Source.Id is "Path" or "Query").ToList();
        var query = metadata.OfType<QueryParameterMetadata>().ToList();

        if (signedIn)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ContractDocument.SessionScheme, document)] = [] });
        }
        if (participant)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ContractDocument.ParticipantScheme, document)] = [] });
        }

        foreach (var parameter in query)
        {
            operation.Parameters ??= [];
            var text = new OpenApiSchema { Type = JsonSchemaType.String };
            // A repeated parameter is given once per value (?field=a&field=b), the default form of an array in a query.
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                Schema = parameter.Repeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = text } : text,
            });
        }
        if (ifMatch is not null)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = ifMatch.Required,
                Description = ifMatch.Required
                    ? $"The {ifMatch.What}'s ETag, exactly as it came in the ETag header of its last read or write."
                    : $"The {ifMatch.What}'s ETag when it exists; without the header the {ifMatch.What} is created.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        if (metadata.OfType<ETagMetadata>().Any() && operation.Responses is not null)
        {
            foreach (var (status, response) in operation.Responses.Where(r => r.Key.StartsWith('2')))
            {
                if (response is OpenApiResponse concrete)
                {
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    concrete.Headers["ETag"] = new OpenApiHeader
                    {
                        Description = "The record's version; send it back in If-Match with the next edit.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }
            }
        }

        var problems = new SortedDictionary<int, string>();
        if (body || ifMatch is not null || parameters.Count > 0 || query.Count > 0)
        {
            problems[400] = "A field, parameter or header is not valid; `errors` names each one.";
        }
        if (signedIn)
        {
            problems[401] = "Not signed in, or the session has ended.";
            problems[403] = "The signed-in account may not do this.";
        }
        if (participant)
        {
            problems[403] = "The link's token is missing, expired, or not for this.";
        }
        if (unsafeMethod && signedIn)
        {
            problems[403] = "The account may not do this, or the request came from another site (its Origin is not this site's).";
        }
        if (parameters.Any(p => p.Source.Id == "Path"))
        {
            problems[404] = "Nothing was found at this address.";
        }
        if (unsafeMethod && (signedIn || participant))
        {
            problems[409] = "The record's state does not allow this now, or it changed meanwhile.";
        }
        if (ifMatch is not null)
        {
            problems[409] = "The record changed since it was read (the If-Match is stale), or its state does not allow this.";
            if (ifMatch.Required)
            {
                problems[428] = "The If-Match header is missing.";
            }
        }
        if (body)
        {
            problems[413] = "The body is larger than this endpoint accepts.";
            problems[415] = "The body is not application/json.";
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            problems[429] = "Too many requests; wait for the Retry-After and try again.";
        }
        problems[500] = "An unexpected error; the answer's `traceId` finds it in the logs.";
        problems[503] = "Storage is unreachable for now; try again after the Retry-After.";

        operation.Responses ??= [];
        foreach (var (status, meaning) in problems)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var schemaType = status == 400 ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            var schemaId = await ContractDocument.ComponentAsync(schemaType, context, ct);
            if (operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse declared)
            {
                // A status the endpoint declared itself (e.g. a 409 of its own): it answers with a ProblemDetails too.
                declared.Content ??= new Dictionary<string, OpenApiMediaType>();
                declared.Content.TryAdd(ProblemMediaType, new OpenApiMediaType { Schema = new OpenApiSchemaReference(schemaId, document) });
                continue;
            }
            operation.Responses[key] = new OpenApiResponse
            {
                Description = meaning,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(schemaId, document) },
                },
            };
        }
    }
}
