using System.Security.Claims;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Exchange.Accounts;
using Exchange.Catalogue;
using Exchange.Common;
using Exchange.Hosting;
using Exchange.Organisations;
using Exchange.Practices;
using Exchange.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Exchange.Materials;

public static class MaterialsApi
{
    public static IServiceCollection AddMaterials(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MaterialsOptions>()
            .Bind(configuration.GetSection(MaterialsOptions.Section))
            .Validate(o => (o.AllowedTypes ?? []).All(id => FileTypes.Find(id) is not null),
                $"Materials:AllowedTypes may hold only {string.Join(", ", FileTypes.All.Select(t => t.Id))}.")
            .Validate(o => o.MaxUploadBytes > 0, "Materials:MaxUploadBytes must be positive.")
            .Validate(o => o.UploadBlockBytes is >= 16 * 1024 and <= 100 * 1024 * 1024, "Materials:UploadBlockBytes must be between 16 KiB and 100 MiB.")
            .ValidateOnStart();
        services.AddSingleton<MaterialStore>();
        services.AddSingleton<Common.IPersonalDataHolder, MaterialPersonalData>();
        services.AddSingleton<MaterialLibrary>();
        services.AddSingleton<MaterialUploads>();
        services.AddSingleton<DownloadCounter>();
        services.AddMaterialText();
        services.AddScoped<MaterialContext>();
        services.AddTimerFunction<PurgeOrphanedUploads>(PurgeOrphanedUploads.Name, PurgeOrphanedUploads.Schedule);
        return services;
    }

    public static IEndpointRouteBuilder MapMaterials(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/materials").WithTags("Materials");
        group.MapGet("/", ListAsync);
        group.MapGet("/settings", Settings);
        group.MapGet("/{id}/versions/{language}/download", DownloadAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Editor);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Editor);
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Editor);
        group.MapPut("/{id}/versions/{language}", UploadAsync).RequireAuthorization(Policies.Editor);
        group.MapGet("/{id}/versions/{language}/revisions/{revision:int}/download", DownloadRevisionAsync).RequireAuthorization(Policies.Editor);
        return app;
    }

    /// <summary>The collaborators every material handler needs, resolved once per request.</summary>
    public sealed class MaterialContext(
        MaterialStore store, MaterialUploads uploads, MaterialLibrary library, DownloadCounter downloads, OrganisationStore organisations,
        PracticeStore practices, CatalogueIndex catalogue, [FromKeyedServices(StorageNames.MaterialsContainer)] BlobContainerClient container,
        IOptions<MaterialsOptions> options, TimeProvider time, ILogger<MaterialContext> logger)
    {
        public MaterialStore Store => store;
        public MaterialUploads Uploads => uploads;
        public MaterialLibrary Library => library;
        public DownloadCounter Downloads => downloads;
        public OrganisationStore Organisations => organisations;
        public PracticeStore Practices => practices;
        public CatalogueIndex Catalogue => catalogue;
        public BlobContainerClient Container => container;
        public MaterialsOptions Options => options.Value;
        public TimeProvider Time => time;
        public ILogger Logger => logger;
    }

    public sealed record UploadSettings(IReadOnlyList<string> AllowedTypes, IReadOnlyList<string> ContentTypes, IReadOnlyList<string> Extensions,
        long MaxUploadBytes, IReadOnlyList<string> Categories, IReadOnlySet<string> Languages, string DefaultLicence);

    public static Ok<UploadSettings> Settings(IOptions<MaterialsOptions> options)
    {
        var types = options.Value.Types;
        return TypedResults.Ok(new UploadSettings(types.Select(t => t.Id).ToList(), types.Select(t => t.ContentType).ToList(),
            types.Select(t => t.Extension).ToList(), options.Value.MaxUploadBytes, MaterialCategories.All, Vocabulary.Languages, MaterialInputRules.DefaultLicence));
    }

    public static async Task<Results<Ok<LibraryPage>, ProblemHttpResult>> ListAsync(HttpContext context, MaterialContext m, CancellationToken ct)
    {
        var query = context.Request.Query;
        var user = context.User;
        var v = new Validator();
        var text = v.OptionalText("q", query["q"].ToString(), 200);
        var languages = Values(query, "language").Select(l => (Raw: l, Code: Vocabulary.NormaliseLanguage(l))).ToList();
        if (languages.Any(l => l.Code is null))
        {
            v.Add("language", "Unknown language code; use ISO 639-1, such as en or it.");
        }
        var categories = Values(query, "category");
        if (categories.Any(c => !MaterialCategories.All.Contains(c)))
        {
            v.Add("category", $"Use one of {string.Join(", ", MaterialCategories.All)}.");
        }
        var years = Values(query, "year").Select(y => int.TryParse(y, out var n) ? n : (int?)null).ToList();
        if (years.Any(y => y is null))
        {
            v.Add("year", "Give the year as a number, such as 2015.");
        }
        var organisationIds = Values(query, "organisation");
        var ids = Values(query, "id");
        var practiceIds = Values(query, "practice");
        var editable = query["editable"].ToString() is "true" or "1";
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        if (editable && !user.IsCoordinator() && !user.IsInRole(Roles.Partner))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in first.", detail: "Only editors can list the materials they may edit.");
        }

        var words = TextFolding.Words(TextFolding.Fold(text ?? "")).Distinct().ToList();
        var visitor = VisitorLanguages(context.Request);
        var snapshot = await m.Library.SnapshotAsync(ct);
        var published = await m.Catalogue.SnapshotAsync(ct);
        var counts = user.IsCoordinator() || user.OrganisationId() is not null
            ? await m.Downloads.CountsAsync(user.IsCoordinator() ? null : user.OrganisationId(), null, ct)
            : new Dictionary<(string, string, int), long>();

        var items = snapshot.Entries
            .Where(e => editable ? user.MayEditOrganisation(e.Material.OrganisationId) : e.Material.Files.Count > 0)
            .Where(e => languages.Count == 0 || languages.Any(l => e.Material.FileIn(l.Code!) is not null))
            .Where(e => categories.Count == 0 || categories.Contains(e.Material.Facts.Category))
            .Where(e => years.Count == 0 || years.Contains(e.Material.Facts.Year))
            .Where(e => organisationIds.Count == 0 || organisationIds.Contains(e.Material.OrganisationId))
            .Where(e => ids.Count == 0 || ids.Contains(e.Material.Id))
            .Where(e => practiceIds.Count == 0 || e.Material.Facts.RelatedPractices.Any(practiceIds.Contains))
            .Where(e => e.Matches(words))
            .OrderByDescending(e => e.Material.Facts.Year).ThenBy(e => e.Material.TitleIn(e.Material.Facts.Language), StringComparer.OrdinalIgnoreCase)
            .Select(e => ToItem(e, visitor, words, user, counts, published))
            .ToList();
        return TypedResults.Ok(new LibraryPage(items.Count, visitor, items));
    }

    public static async Task<Results<Created<MaterialView>, ProblemHttpResult>> CreateAsync(HttpContext context, MaterialContext m, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<MaterialInput>(context.Request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var input = body.Value!;
        var user = context.User;
        var v = new Validator();
        var (organisation, forbidden) = await OrganisationOwnership.ForNewRecordAsync(user, input.OrganisationId, v, m.Organisations, "materials", ct);
        if (forbidden is not null)
        {
            return forbidden;
        }
        var facts = await MaterialInputRules.FactsAsync(v, input, m.Time.GetUtcNow().Year, m.Practices, ct);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var created = await m.Store.CreateAsync(MaterialRules.Create(OrganisationScopedId.New(organisation!.Id), organisation.Id, facts!, m.Time.GetUtcNow()), ct);
        m.Logger.LogInformation("Material {MaterialId} created by {Email}", created.Id, user.Email());
        context.Response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/materials/{created.Id}", await ViewAsync(created, m, ct));
    }

    public static async Task<Results<Ok<MaterialView>, ProblemHttpResult>> GetAsync(string id, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        var (material, problem) = await LoadAsync(id, context.User, m, ct);
        if (problem is not null)
        {
            return problem;
        }
        context.Response.Headers.ETag = material!.ETag;
        return TypedResults.Ok(await ViewAsync(material, m, ct));
    }

    public static async Task<Results<Ok<MaterialView>, ProblemHttpResult>> UpdateAsync(string id, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        var etag = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(etag))
        {
            return Problems.PreconditionRequired("Send the material's ETag in If-Match, so that concurrent edits are not lost.");
        }
        var (material, problem) = await LoadAsync(id, context.User, m, ct);
        if (problem is not null)
        {
            return problem;
        }
        var body = await JsonBody.ReadAsync<MaterialInput>(context.Request, ct);
        if (body.Problem is { } bad)
        {
            return bad;
        }
        var input = body.Value!;
        var v = new Validator();
        if (input.OrganisationId is not null && input.OrganisationId != material!.OrganisationId)
        {
            v.Add("organisationId", "A material cannot move to another organisation.");
        }
        var facts = await MaterialInputRules.FactsAsync(v, input, m.Time.GetUtcNow().Year, m.Practices, ct);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var (changed, error) = MaterialRules.Edit(material!, facts!, m.Time.GetUtcNow());
        if (error is not null)
        {
            return Problems.Validation(("language", error));
        }
        if (await m.Store.SaveAsync(changed!, etag, ct) is not { } saved)
        {
            return Problems.Conflict("Someone else changed this material after you opened it. Reload to see their changes.");
        }
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok(await ViewAsync(saved, m, ct));
    }

    /// <summary>
    /// The file is the raw body, so it streams to storage as it arrives. Everything that can
    /// refuse the upload without reading the body (language, rights, declared size) is checked first.
    /// </summary>
    public static async Task<Results<Created<MaterialView>, Ok<MaterialView>, ProblemHttpResult>> UploadAsync(
        string id, string language, string? fileName, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        var code = Vocabulary.NormaliseLanguage(language);
        if (code is null)
        {
            return Problems.Validation(("language", "Unknown language code; use ISO 639-1, such as en or it."));
        }
        var (material, problem) = await LoadAsync(id, context.User, m, ct);
        if (problem is not null)
        {
            return problem;
        }
        var request = context.Request;
        if (request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Problems.UnsupportedMediaType("Send the file itself as the request body, not as a form.");
        }
        var limit = m.Options.MaxUploadBytes;
        if (request.ContentLength > limit)
        {
            return Problems.TooLarge(limit);
        }
        if (request.ContentLength == 0)
        {
            return Problems.Validation(("file", "The file is empty."));
        }
        // The server-wide body limit may be lower than the limit for documents.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        var result = await m.Uploads.UploadAsync(material!.Id, code, fileName, request.Body, request.ContentLength, context.User.Email(), ct);
        switch (result.Outcome)
        {
            case UploadOutcome.Empty:
                return Problems.Validation(("file", "The file is empty."));
            case UploadOutcome.TooLarge:
                return Problems.TooLarge(limit);
            case UploadOutcome.UnsupportedType:
                return Problems.UnsupportedMediaType($"Upload a {string.Join(", ", m.Options.Types.Select(t => t.Id.ToUpperInvariant()))} file. The type is read from the file's content, not its name.");
            case UploadOutcome.Interrupted:
                return Problems.Validation(("file", "The upload was interrupted before the whole file arrived; nothing was stored."));
            case UploadOutcome.NotFound:
                return Problems.NotFound("The material");
            case UploadOutcome.Conflict:
                return Problems.Conflict(result.Detail ?? "The material changed during the upload.");
        }
        var saved = result.Material!;
        context.Response.Headers.ETag = saved.ETag;
        var view = await ViewAsync(saved, m, ct);
        return result.Replaced ? TypedResults.Ok(view) : TypedResults.Created(MaterialLinks.Download(saved.Id, code), view);
    }

    public static async Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> DownloadAsync(
        string id, string language, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        var material = await m.Store.GetAsync(id, ct);
        if (material?.FileIn(Vocabulary.NormaliseLanguage(language) ?? "") is not { } file)
        {
            return Problems.NotFound("The file");
        }
        return await ServeAsync(context, m, material, file, ct);
    }

    /// <summary>Any file of a material, current or replaced, for its editors.</summary>
    public static async Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> DownloadRevisionAsync(
        string id, string language, int revision, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        var (material, problem) = await LoadAsync(id, context.User, m, ct);
        if (problem is not null)
        {
            return problem;
        }
        var code = Vocabulary.NormaliseLanguage(language);
        if (material!.Files.Concat(material.History).FirstOrDefault(f => f.Language == code && f.Revision == revision) is not { } file)
        {
            return Problems.NotFound("The file");
        }
        return await ServeAsync(context, m, material, file, ct);
    }

    /// <summary>
    /// Streams a stored file: the SHA-256 is its strong ETag (If-None-Match → 304), a single byte
    /// range is served as 206 from a ranged blob read, and only complete downloads are counted.
    /// </summary>
    private static async Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> ServeAsync(
        HttpContext context, MaterialContext m, Material material, MaterialFile file, CancellationToken ct)
    {
        var request = context.Request.GetTypedHeaders();
        var response = context.Response;
        var etag = new EntityTagHeaderValue($"\"{file.Sha256}\"");
        response.Headers.ETag = etag.ToString();
        response.Headers.AcceptRanges = "bytes";
        // Public documents may be kept by the browser, but must be revalidated so a replaced file shows.
        response.Headers.CacheControl = "no-cache";
        if (request.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var range = ByteRange.Requested(request, etag, file.Size);
        if (range is { Satisfiable: false })
        {
            response.Headers.ContentRange = $"bytes */{file.Size}";
            return TypedResults.Problem(statusCode: StatusCodes.Status416RangeNotSatisfiable, title: "Range not satisfiable.",
                detail: $"The file has {file.Size} bytes.");
        }
        var (from, length) = range is { } r ? (r.From, r.Length) : (0L, file.Size);

        BlobDownloadStreamingResult download;
        try
        {
            download = await m.Container.GetBlobClient(file.BlobName)
                .DownloadStreamingAsync(new BlobDownloadOptions { Range = range is null ? default : new HttpRange(from, length) }, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            m.Logger.LogError("The blob {BlobName} of material {MaterialId} is missing", file.BlobName, material.Id);
            return Problems.NotFound("The file's content");
        }

        if (range is not null)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {from}-{from + length - 1}/{file.Size}";
        }
        response.ContentLength = length;
        response.Headers.ContentDisposition = FileNames.ContentDisposition(file.FileName);
        // Counted before the first byte is sent: a client reads to Content-Length and may be done
        // before the server's code after the copy has run, and one that has its file must see it
        // counted. The count is written while the first chunk is read from storage. Parts (ranges)
        // are not downloads.
        var counting = range is null ? CountAsync(m, material, file) : Task.CompletedTask;
        return TypedResults.Stream(async body =>
        {
            await using var content = download.Content;
            await OverlappedCopy.CopyAsync(content, body, 1024 * 1024, counting, ct);
        }, file.ContentType);
    }

    private static async Task CountAsync(MaterialContext m, Material material, MaterialFile file)
    {
        try
        {
            // A download that started is counted even if the visitor cancels it.
            await m.Downloads.IncrementAsync(material.Id, file.Language, file.Revision, CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            // A lost count must not cost the visitor the document.
            m.Logger.LogWarning(ex, "Could not count a download of material {MaterialId}", material.Id);
        }
    }

    private static LibraryItem ToItem(LibraryEntry e, IReadOnlyList<string> visitor, IReadOnlyList<string> words, ClaimsPrincipal user,
        IReadOnlyDictionary<(string, string, int), long> counts, CatalogueSnapshot published)
    {
        var m = e.Material;
        var preferred = visitor.Append("en").Append(m.Facts.Language).FirstOrDefault(l => m.FileIn(l) is not null) ?? (m.Files.Count > 0 ? m.Files[0].Language : null) ?? m.Facts.Language;
        var editable = user.MayEditOrganisation(m.OrganisationId);
        var versions = MaterialLinks.Ordered(m, preferred).Select(f => new LibraryVersion(f.Language, m.TitleIn(f.Language), f.Language == m.Facts.Language,
            m.IsOutOfDate(f), f.FileName, f.Type, f.ContentType, f.Size, f.UploadedAt, editable ? counts.GetValueOrDefault((m.Id, f.Language, f.Revision)) : null,
            MaterialLinks.Download(m.Id, f.Language))).ToList();
        var related = editable ? m.Facts.RelatedPractices : m.Facts.RelatedPractices.Where(p => published.Find(p) is not null).ToList();
        return new LibraryItem(m.Id, m.TitleIn(preferred), m.Facts.Description, m.Facts.Category, m.Facts.Year, m.Facts.Licence, m.Facts.Language,
            m.OrganisationId, e.OrganisationName, related, preferred, e.MatchedLanguages(words), editable, versions);
    }

    /// <summary>The language the visitor chose in the site (<c>lang</c>), then those their browser asks for, best first.</summary>
    public static IReadOnlyList<string> VisitorLanguages(HttpRequest request)
    {
        var result = new List<string>();
        void Add(string? code)
        {
            if (Vocabulary.NormaliseLanguage(code) is { } c && !result.Contains(c))
            {
                result.Add(c);
                if (c is "nb" or "nn")
                {
                    Add("no");
                }
            }
        }
        Add(request.Query["lang"].ToString());
        foreach (var value in request.GetTypedHeaders().AcceptLanguage.Where(v => v.Quality is null or > 0).OrderByDescending(v => v.Quality ?? 1))
        {
            Add(value.Value.Value?.Split('-')[0]);
        }
        return result;
    }

    private static List<string> Values(IQueryCollection query, string key) =>
        query[key].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static async Task<(Material?, ProblemHttpResult?)> LoadAsync(string id, ClaimsPrincipal user, MaterialContext m, CancellationToken ct)
    {
        var material = await m.Store.GetAsync(id, ct);
        if (material is null)
        {
            return (null, Problems.NotFound("The material"));
        }
        return user.MayEditOrganisation(material.OrganisationId)
            ? (material, null)
            : (null, Problems.Forbidden("This material belongs to another organisation."));
    }

    private static async Task<MaterialView> ViewAsync(Material material, MaterialContext m, CancellationToken ct)
    {
        var organisation = m.Organisations.GetAsync(material.OrganisationId, ct);
        var counts = m.Downloads.CountsAsync(null, material.Id, ct);
        var texts = m.Store.TextStatusesAsync(material.Id, ct);
        return MaterialView.From(material, (await organisation)?.Name ?? material.OrganisationId, await counts, await texts);
    }
}
