using Exchange.Audit;
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
        group.MapGet("/", ListAsync).WithSummary("The partner organisations (open data).");
        group.MapGet("/{id}", GetAsync).ETag().WithSummary("One partner organisation.");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Coordinator).Accepts<OrganisationInput>("application/json").ETag()
            .WithSummary("Add a partner organisation.");
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Coordinator).Accepts<OrganisationInput>("application/json").IfMatch("organisation").ETag()
            .WithSummary("Change a partner organisation.");
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
        if (!(await JsonBody.ReadAsync<OrganisationInput>(request, ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var v = Check(body, out var fields);
        if (fields is null)
        {
            return v.ToProblem();
        }
        var (outcome, organisation) = await store.CreateAsync(fields, ct);
        if (outcome == SaveOutcome.Duplicate || organisation is null)
        {
            return Duplicate;
        }
        request.HttpContext.Response.Headers.ETag = organisation.ETag;
        await audit.RecordAsync(request.HttpContext.User.Email(), AuditActions.OrganisationCreated, organisation.Id, ct);
        return TypedResults.Created($"/api/organisations/{organisation.Id}", OrganisationDto.From(organisation));
    }

    /// <summary>If-Match → load → body → validate (a name unique in its country) → save; the id stays as it was.</summary>
    public static async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request, OrganisationStore store, IAuditTrail audit, CancellationToken ct)
    {
        var edit = await Edit.RunAsync(request, "organisation", async () => await store.GetAsync(id, ct) is { } found ? found : Problems.NotFound("The organisation"),
            async (Organisation current, OrganisationInput body) =>
            {
                var v = Check(body, out var fields);
                if (fields is null)
                {
                    return v.ToProblem();
                }
                return await store.IsNameTakenAsync(id, fields, ct) ? Duplicate : current.With(fields);
            }, (changed, etag) => store.SaveAsync(changed, etag, ct), Edit.Stale("organisation"), ct);
        if (!edit.TryGet(out var saved, out var problem))
        {
            return problem;
        }
        await audit.RecordAsync(request.HttpContext.User.Email(), AuditActions.OrganisationChanged, id, ct);
        return Ok(request.HttpContext.Response, saved);
    }

    private static ProblemHttpResult Duplicate => Problems.Conflict("An organisation with this name already exists in this country.");

    private static Ok<OrganisationDto> Ok(HttpResponse response, Organisation organisation)
    {
        response.Headers.ETag = organisation.ETag;
        return TypedResults.Ok(OrganisationDto.From(organisation));
    }

    /// <summary>The validated fields, null exactly when the validator holds errors.</summary>
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
