using Exchange.Audit;
using Exchange.Accounts;
using Exchange.Common;
using Exchange.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Organisations;

public static class OrganisationsApi
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) =>
        services.AddSingleton<OrganisationStore>();

    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organisations").WithTags("Organisations");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Coordinator);
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Coordinator);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<OrganisationDto>>> ListAsync(OrganisationStore store, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<OrganisationDto>>((await store.ListAsync(ct)).Select(OrganisationDto.From).ToList());

    public static async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> GetAsync(string id, HttpResponse response, OrganisationStore store, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } organisation)
        {
            return Problems.NotFound("The organisation");
        }
        response.Headers.ETag = organisation.ETag;
        return TypedResults.Ok(OrganisationDto.From(organisation));
    }

    public static async Task<Results<Created<OrganisationDto>, ProblemHttpResult>> CreateAsync(HttpRequest request, OrganisationStore store, IAuditTrail audit, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<OrganisationInput>(request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        if (Check(body.Value!, out var fields) is { IsValid: false } invalid)
        {
            return invalid.ToProblem();
        }
        var (outcome, organisation) = await store.CreateAsync(fields!, ct);
        if (outcome == SaveOutcome.Duplicate)
        {
            return Problems.Conflict("An organisation with this name already exists in this country.");
        }
        request.HttpContext.Response.Headers.ETag = organisation!.ETag;
        await audit.RecordAsync(request.HttpContext.User.Email(), AuditActions.OrganisationCreated, organisation.Id, ct);
        return TypedResults.Created($"/api/organisations/{organisation.Id}", OrganisationDto.From(organisation));
    }

    public static async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request, OrganisationStore store, IAuditTrail audit, CancellationToken ct)
    {
        if (!EditPrecondition.TryIfMatch(request, "organisation", out var etag, out var precondition))
        {
            return precondition;
        }
        var body = await JsonBody.ReadAsync<OrganisationInput>(request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        if (Check(body.Value!, out var fields) is { IsValid: false } invalid)
        {
            return invalid.ToProblem();
        }
        var (outcome, organisation) = await store.UpdateAsync(id, etag, fields!, ct);
        if (outcome == SaveOutcome.Saved)
        {
            await audit.RecordAsync(request.HttpContext.User.Email(), AuditActions.OrganisationChanged, id, ct);
        }
        return outcome switch
        {
            SaveOutcome.NotFound => Problems.NotFound("The organisation"),
            SaveOutcome.Duplicate => Problems.Conflict("An organisation with this name already exists in this country."),
            SaveOutcome.Stale => Problems.Conflict("Someone else changed this organisation after you opened it. Reload to see their changes."),
            _ => Ok(request.HttpContext.Response, organisation!),
        };
    }

    private static Ok<OrganisationDto> Ok(HttpResponse response, Organisation organisation)
    {
        response.Headers.ETag = organisation.ETag;
        return TypedResults.Ok(OrganisationDto.From(organisation));
    }

    private static Validator Check(OrganisationInput input, out OrganisationFields? fields)
    {
        var v = new Validator();
        var name = v.RequiredText("name", input.Name, 200, 2);
        var country = Countries.Normalise(input.Country);
        if (country is null)
        {
            v.Add("country", "Choose a country from the list.", ProblemCodes.Country);
        }
        var city = v.RequiredText("city", input.City, 100);
        var kind = v.OneOf("kind", input.Kind, OrganisationKinds.All, k => k);
        var website = v.OptionalHttpUrl("website", input.Website);
        var description = v.OptionalText("description", input.Description, 2000) ?? "";
        fields = v.IsValid ? new OrganisationFields(name!, country!, city!, kind!, website?.ToString(), description) : null;
        return v;
    }
}
