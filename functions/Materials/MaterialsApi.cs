using System.Security.Claims;
using Azure;
using Azure.Storage.Blobs;
using Exchange.Catalogue;
using Exchange.Common;
using Exchange.Hosting;
using Exchange.Organisations;
using Exchange.Practices;
using Exchange.Storage;
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
            .Validate(o => o.UploadBlockBytes is >= 64 * 1024 and <= 100 * 1024 * 1024, "Materials:UploadBlockBytes must be between 64 KiB and 100 MiB.")
            .Validate(o => o.UploadParallelism is >= 1 and <= 16, "Materials:UploadParallelism must be between 1 and 16.")
            .Validate(o => o.UploadLinkLifetime > TimeSpan.Zero && o.UploadLinkLifetime <= MaterialsOptions.MaxUploadLinkLifetime,
                "Materials:UploadLinkLifetime must be positive and at most 15 minutes.")
            .Validate(o => o.DownloadLinkLifetime > TimeSpan.Zero && o.DownloadLinkLifetime <= MaterialsOptions.MaxDownloadLinkLifetime,
                "Materials:DownloadLinkLifetime must be positive and at most 10 minutes.")
            .ValidateOnStart();
        services.AddSingleton<MaterialStore>();
        services.AddSingleton<Common.IPersonalDataHolder, MaterialPersonalData>();
        services.AddSingleton<MaterialLibrary>();
        services.AddSingleton<UploadSlots>();
        services.AddSingleton<MaterialUploads>();
        services.AddSingleton<DownloadCounter>();
        services.AddMaterialText();
        services.AddHostedServiceAfterStart<MaterialHasher>();
        services.AddScoped<MaterialContext>();
        services.AddTimerFunction<PurgeOrphanedUploads>(PurgeOrphanedUploads.Name, PurgeOrphanedUploads.Schedule);
        return services;
    }

    public static IEndpointRouteBuilder MapMaterials(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/materials").WithTags("Materials");
        group.MapGet("/", ListAsync).WithSummary("The materials library: every material with a file, or those the editor may edit, best match first.")
            .Query("q", "Words to find in titles, descriptions and the files' text.")
            .Query("language", "Only materials with a version in these languages (ISO 639-1).", repeated: true)
            .Query("category", "Only materials of these categories (see /api/materials/settings).", repeated: true)
            .Query("year", "Only materials of these years.", repeated: true)
            .Query("organisation", "Only materials of these organisations.", repeated: true)
            .Query("id", "Only these materials.", repeated: true)
            .Query("practice", "Only materials related to these practices.", repeated: true)
            .Query("editable", "true: the materials the signed-in editor may edit, with or without a file.")
            .Query("lang", "The reader's language (ISO 639-1): each material's version in it is offered first.");
        group.MapGet("/settings", Settings).WithSummary("What an upload may be: file types, largest size, categories, languages, default licence.");
        // HEAD answers the same redirect as GET, without counting a download.
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        group.MapMethods("/{id}/versions/{language}/download", getOrHead, DownloadAsync).Produces(StatusCodes.Status302Found)
            .WithSummary("Download a material's current file in a language: a redirect to a short-lived link to the file.");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Editor).Accepts<MaterialInput>("application/json").ETag()
            .WithSummary("Describe a new material (its files are uploaded after).");
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Editor).ETag().WithSummary("One material, for its editor.");
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Editor).Accepts<MaterialInput>("application/json").IfMatch("material").ETag()
            .WithSummary("Change a material's description.");
        group.MapPost("/{id}/versions/{language}/uploads", OpenUploadAsync).RequireAuthorization(Policies.Editor).Accepts<UploadRequest>("application/json")
            .WithSummary("Open an upload slot for a file in a language: where and in which blocks to send it, straight to storage.");
        group.MapPost("/{id}/versions/{language}/uploads/{slot}/commit", CommitUploadAsync).RequireAuthorization(Policies.Editor).ETag()
            .WithSummary("Check the uploaded file and make it the language's current version (201 for a new language, 200 for a new revision).");
        group.MapMethods("/{id}/versions/{language}/revisions/{revision:int}/download", getOrHead, DownloadRevisionAsync).RequireAuthorization(Policies.Editor).Produces(StatusCodes.Status302Found)
            .WithSummary("Download an earlier revision of a file, for its editor.");
        return app;
    }

    /// <summary>The collaborators every material handler needs, resolved once per request.</summary>
    public sealed class MaterialContext(
        MaterialStore store, MaterialUploads uploads, UploadSlots slots, MaterialLibrary library, DownloadCounter downloads, OrganisationStore organisations,
        PracticeStore practices, CatalogueIndex catalogue, [FromKeyedServices(StorageNames.MaterialsContainer)] BlobContainerClient container,
        BlobSigner signer, IOptions<MaterialsOptions> options, TimeProvider time, ILogger<MaterialContext> logger)
    {
        public MaterialStore Store => store;
        public MaterialUploads Uploads => uploads;
        public UploadSlots Slots => slots;
        public BlobSigner Signer => signer;
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
            v.Add("language", "Unknown language code; use ISO 639-1, such as en or it.", ProblemCodes.Language);
        }
        var categories = Values(query, "category");
        if (categories.Any(c => !MaterialCategories.All.Contains(c)))
        {
            v.Add("category", $"Use one of {string.Join(", ", MaterialCategories.All)}.");
        }
        var years = Values(query, "year").Select(y => int.TryParse(y, out var n) ? n : (int?)null).ToList();
        if (years.Any(y => y is null))
        {
            v.Add("year", "Give the year as a number, such as 2015.", ProblemCodes.Year);
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

        var visitor = VisitorLanguages(context.Request);
        var snapshot = await m.Library.SnapshotAsync(ct);
        // Stemmed in the reader's languages and in every language a version is written in.
        var words = Stemming.Parse(text, visitor.Concat(snapshot.Languages));
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
        if (!(await OrganisationOwnership.ReadNewRecordAsync<MaterialInput>(context, i => i.OrganisationId, m.Organisations, "materials", ct))
                .TryGet(out var step, out var problem))
        {
            return problem;
        }
        var (input, v, owner) = step;
        var user = context.User;
        var facts = await MaterialInputRules.FactsAsync(v, input, m.Time.GetUtcNow().Year, m.Practices, ct);
        if (owner is not { } organisation || facts is null || !v.IsValid)
        {
            return v.ToProblem();
        }
        var created = await m.Store.CreateAsync(MaterialRules.Create(OrganisationScopedId.New(organisation.Id), organisation.Id, facts, m.Time.GetUtcNow()), ct);
        m.Logger.LogInformation("Material {MaterialId} created by {Email}", created.Id, user.Email());
        context.Response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/materials/{created.Id}", await ViewAsync(created, m, ct));
    }

    public static async Task<Results<Ok<MaterialView>, ProblemHttpResult>> GetAsync(string id, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        if (!(await LoadAsync(id, context.User, m, ct)).TryGet(out var material, out var problem))
        {
            return problem;
        }
        context.Response.Headers.ETag = material.ETag;
        return TypedResults.Ok(await ViewAsync(material, m, ct));
    }

    /// <summary>If-Match → load → body → validate → save; a material never moves to another organisation.</summary>
    public static async Task<Results<Ok<MaterialView>, ProblemHttpResult>> UpdateAsync(string id, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        var edit = await Edit.RunAsync(context.Request, "material", () => LoadAsync(id, context.User, m, ct), async (Material material, MaterialInput input) =>
        {
            var v = new Validator();
            if (input.OrganisationId is not null && input.OrganisationId != material.OrganisationId)
            {
                v.Add("organisationId", "A material cannot move to another organisation.");
            }
            var facts = await MaterialInputRules.FactsAsync(v, input, m.Time.GetUtcNow().Year, m.Practices, ct);
            return facts is null || !v.IsValid
                ? v.ToProblem()
                : MaterialRules.Edit(material, facts, m.Time.GetUtcNow()).OrProblem(error => Problems.Validation(("language", error)));
        }, (changed, etag) => m.Store.SaveAsync(changed, etag, ct), Edit.Stale("material"), ct);
        if (!edit.TryGet(out var saved, out var problem))
        {
            return problem;
        }
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok(await ViewAsync(saved, m, ct));
    }

    /// <summary>What an editor's browser says about a file before sending it.</summary>
    public sealed record UploadRequest(string? FileName, long? Size);

    /// <summary>
    /// Where to put the file: <c>UploadUrl</c> is a write-only SAS for one fresh blob, valid until
    /// <c>ExpiresAt</c>. Send the file to it in blocks of <c>BlockSize</c> bytes (Put Block, up to
    /// <c>Parallelism</c> at once, then Put Block List), then POST <c>CommitUrl</c>.
    /// </summary>
    public sealed record UploadSlotView(string Slot, string UploadUrl, DateTimeOffset ExpiresAt, int BlockSize, int Parallelism, string CommitUrl);

    /// <summary>
    /// Step one of an upload: everything that can refuse it (language, rights, declared size, the
    /// original first) is checked before anything is stored; then a slot and its valet key.
    /// </summary>
    public static async Task<Results<Created<UploadSlotView>, ProblemHttpResult>> OpenUploadAsync(
        string id, string language, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        var code = Vocabulary.NormaliseLanguage(language);
        if (code is null)
        {
            return Problems.Validation(("language", "Unknown language code; use ISO 639-1, such as en or it."));
        }
        if (!(await LoadAsync(id, context.User, m, ct)).TryGet(out var material, out var problem))
        {
            return problem;
        }
        if (!(await JsonBody.ReadAsync<UploadRequest>(context.Request, ct)).TryGet(out var input, out var bad))
        {
            return bad;
        }
        var v = new Validator();
        if (input.FileName is { Length: > MaxFileNameLength })
        {
            v.Add("fileName", $"At most {MaxFileNameLength} characters.");
        }
        if (input.Size is not { } size)
        {
            v.Add("size", "Give the file's size in bytes.");
        }
        else if (size <= 0)
        {
            v.Add("size", "The file is empty.");
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        if (input.Size > m.Options.MaxUploadBytes)
        {
            return Problems.TooLarge(m.Options.MaxUploadBytes);
        }
        if (MaterialRules.CannotAdd(material, code) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }
        var grant = await m.Uploads.OpenAsync(material.Id, code, input.FileName ?? "", input.Size!.Value, context.User.Email(), ct);
        var commit = MaterialLinks.Commit(material.Id, code, grant.Slot.Id);
        return TypedResults.Created(commit, new UploadSlotView(grant.Slot.Id, grant.UploadUri.AbsoluteUri, grant.Slot.ExpiresAt,
            m.Options.BlockBytesFor(input.Size.Value), m.Options.UploadParallelism, commit));
    }

    /// <summary>
    /// Step three: the stored blob is checked by its content and becomes the language's current
    /// file (201), or replaces it (200). A refused file is deleted.
    /// </summary>
    public static async Task<Results<Created<MaterialView>, Ok<MaterialView>, ProblemHttpResult>> CommitUploadAsync(
        string id, string language, string slot, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        var code = Vocabulary.NormaliseLanguage(language);
        if (code is null)
        {
            return Problems.Validation(("language", "Unknown language code; use ISO 639-1, such as en or it."));
        }
        // The slot is looked up beside the material: a well-formed id is the slot table's partition.
        var finding = OrganisationScopedId.Parse(id) is null ? Task.FromResult<UploadSlot?>(null) : m.Slots.GetAsync(id, slot, ct);
        if (!(await LoadAsync(id, context.User, m, ct)).TryGet(out var material, out var problem))
        {
            return problem;
        }
        if (await finding is not { } found || found.Language != code)
        {
            return Problems.NotFound("The upload slot");
        }
        var commit = await m.Uploads.CommitAsync(found, material, ct);
        if (!commit.TryGet(out var stored, out var reason))
        {
            return commit.Kind switch
            {
                RefusalKind.Gone => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: reason,
                    detail: "The file was not stored. Ask for a new slot and upload the file again."),
                RefusalKind.Invalid => Problems.Validation(("file", reason)),
                RefusalKind.TooLarge => Problems.TooLarge(m.Options.MaxUploadBytes),
                RefusalKind.Unsupported => Problems.UnsupportedMediaType(
                    $"Upload a {string.Join(", ", m.Options.Types.Select(t => t.Id.ToUpperInvariant()))} file. The type is read from the file's content, not its name."),
                RefusalKind.NotFound => Problems.NotFound(reason),
                _ => Problems.Conflict(reason),
            };
        }
        var saved = stored.Material;
        context.Response.Headers.ETag = saved.ETag;
        var view = ViewAsync(saved, m, ct);
        await stored.Tidying;
        return stored.Replaced ? TypedResults.Ok(await view) : TypedResults.Created(MaterialLinks.Download(saved.Id, code), await view);
    }

    private const int MaxFileNameLength = 1000;

    public static async Task<Results<SasRedirect, ProblemHttpResult>> DownloadAsync(
        string id, string language, string? disposition, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        if (ParseDisposition(disposition) is not { } inline)
        {
            return Problems.Validation(("disposition", "Use attachment (the default) or inline."));
        }
        var material = await m.Store.GetAsync(id, ct);
        if (material?.FileIn(Vocabulary.NormaliseLanguage(language) ?? "") is not { } file)
        {
            return Problems.NotFound("The file");
        }
        return await RedirectAsync(context, m, material, file, inline, ct);
    }

    /// <summary>Any file of a material, current or replaced, for its editors.</summary>
    public static async Task<Results<SasRedirect, ProblemHttpResult>> DownloadRevisionAsync(
        string id, string language, int revision, string? disposition, HttpContext context, MaterialContext m, CancellationToken ct)
    {
        if (ParseDisposition(disposition) is not { } inline)
        {
            return Problems.Validation(("disposition", "Use attachment (the default) or inline."));
        }
        if (!(await LoadAsync(id, context.User, m, ct)).TryGet(out var material, out var problem))
        {
            return problem;
        }
        var code = Vocabulary.NormaliseLanguage(language);
        if (material.Files.Concat(material.History).FirstOrDefault(f => f.Language == code && f.Revision == revision) is not { } file)
        {
            return Problems.NotFound("The file");
        }
        return await RedirectAsync(context, m, material, file, inline, ct);
    }

    private static bool? ParseDisposition(string? value) => value switch
    {
        null or "" or "attachment" => false,
        "inline" => true,
        _ => null,
    };

    /// <summary>
    /// The link stays ours, so it can be shared and checked; the bytes come from storage. Once
    /// visibility is checked and the download counted, the answer is a redirect to a read-only SAS
    /// for this file alone, short-lived, whose response-header overrides give the type and the
    /// name (inline only for a PDF the reader asked to open). Ranges, ETags and 304 are storage's.
    /// The SAS is in the Location header only: never stored, never logged.
    /// </summary>
    private static async Task<Results<SasRedirect, ProblemHttpResult>> RedirectAsync(
        HttpContext context, MaterialContext m, Material material, MaterialFile file, bool inline, CancellationToken ct)
    {
        var request = context.Request;
        // A HEAD fetches nothing and a range is part of a file; neither is a download. The count is
        // written once the redirect is sent, within the request's life, so the reader's transfer
        // does not wait for the counter's two round trips to storage.
        if (HttpMethods.IsGet(request.Method) && !request.Headers.ContainsKey(HeaderNames.Range))
        {
            context.Response.OnCompleted(() => CountAsync(m, material, file));
        }
        var blob = m.Container.GetBlobClient(file.BlobName);
        var uri = await m.Signer.ReadAsync(string.IsNullOrEmpty(file.Snapshot) ? blob : blob.WithSnapshot(file.Snapshot), m.Options.DownloadLinkLifetime,
            file.ContentType, FileNames.ContentDisposition(file.FileName, inline && file.Type == FileTypes.Pdf.Id), ct);
        return new SasRedirect(uri);
    }

    private static async Task CountAsync(MaterialContext m, Material material, MaterialFile file)
    {
        try
        {
            // Counted once asked for, whether or not the reader then fetches every byte.
            await m.Downloads.IncrementAsync(material.Id, file.Language, file.Revision, CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            // A lost count must not cost the visitor the document.
            m.Logger.LogWarning(ex, "Could not count a download of material {MaterialId}", material.Id);
        }
    }

    private static LibraryItem ToItem(LibraryEntry e, IReadOnlyList<string> visitor, SearchQuery words, ClaimsPrincipal user,
        IReadOnlyDictionary<(string, string, int), long> counts, CatalogueSnapshot published)
    {
        var m = e.Material;
        var preferred = visitor.Append("en").Append(m.Facts.Language).FirstOrDefault(l => m.FileIn(l) is not null) ?? (m.Files.Count > 0 ? m.Files[0].Language : null) ?? m.Facts.Language;
        var editable = user.MayEditOrganisation(m.OrganisationId);
        var versions = MaterialLinks.Ordered(m, preferred).Select(f => new LibraryVersion(f.Language, m.TitleIn(f.Language), f.Language == m.Facts.Language,
            m.IsOutOfDate(f), f.FileName, f.Type, f.ContentType, f.Size, f.UploadedAt, editable ? counts.GetValueOrDefault((m.Id, f.Language, f.Revision)) : null,
            MaterialLinks.Download(m.Id, f.Language), MaterialLinks.Read(m.Id, f))).ToList();
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

    private static async Task<Result<Material>> LoadAsync(string id, ClaimsPrincipal user, MaterialContext m, CancellationToken ct)
    {
        var material = await m.Store.GetAsync(id, ct);
        if (material is null)
        {
            return Problems.NotFound("The material");
        }
        return user.MayEditOrganisation(material.OrganisationId) ? material : Problems.Forbidden("This material belongs to another organisation.");
    }

    private static async Task<MaterialView> ViewAsync(Material material, MaterialContext m, CancellationToken ct)
    {
        var organisation = m.Organisations.GetAsync(material.OrganisationId, ct);
        var counts = m.Downloads.CountsAsync(null, material.Id, ct);
        var texts = m.Store.TextStatusesAsync(material.Id, ct);
        return MaterialView.From(material, (await organisation)?.Name ?? material.OrganisationId, await counts, await texts);
    }
}
