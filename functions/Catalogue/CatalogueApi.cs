using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using Exchange.Common;
using Exchange.Hosting;
using Exchange.Practices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Exchange.Catalogue;

/// <summary>The public catalogue: search with facets, detail, open data (CSV, JSON) and an Atom feed.</summary>
public static class CatalogueApi
{
    public const int MaxPageSize = 100;

    /// <summary>The catalogue registers itself, and hears of practices' changes as their <see cref="IPracticePublication"/>.</summary>
    public static IServiceCollection AddCatalogue(this IServiceCollection services)
    {
        services.AddSingleton<CatalogueIndex>();
        services.AddSingleton<IPracticePublication>(sp => sp.GetRequiredService<CatalogueIndex>());
        services.AddHostedServiceAfterStart<CatalogueSync>();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalogue").WithTags("Catalogue");
        group.MapGet("/", SearchAsync).Produces<CataloguePage>(contentType: "application/json")
            .WithSummary("Search the published practices, with facet counts.")
            .Query("q", "Words to find, in any of the practice's languages (at most 200 characters).")
            .Query("sort", "newest (the default) or name.")
            .Query("page", "The page, from 1.")
            .Query("pageSize", $"Practices per page, 1 to {MaxPageSize} (default 20).")
            .Query(CatalogueQuery.Country, "Only practices of these countries (ISO 3166-1 alpha-2).", repeated: true)
            .Query(CatalogueQuery.Field, "Only practices in these fields (see /api/vocabularies).", repeated: true)
            .Query(CatalogueQuery.TargetGroup, "Only practices for these target groups (see /api/vocabularies).", repeated: true)
            .Query(CatalogueQuery.TextLanguage, "Only practices written in these languages (ISO 639-1).", repeated: true)
            .Query(CatalogueQuery.Ongoing, "true for ongoing practices, false for ended ones.", repeated: true)
            .Query(CatalogueQuery.TakenUp, "true for practices other partners took up, false for the others.", repeated: true)
            .Query("lang", "The reader's language (ISO 639-1): each practice is given in it when it has that translation.");
        group.MapGet("/export.json", ExportJsonAsync).Produces<List<CatalogueDocument>>(contentType: "application/json")
            .WithSummary("Every published practice with all its translations, as one JSON download (open data).");
        group.MapGet("/export.csv", ExportCsvAsync).Produces<string>(contentType: "text/csv")
            .WithSummary("Every published practice, one row each in its original language, as CSV (open data).");
        group.MapGet("/feed.atom", FeedAsync).Produces<string>(contentType: "application/atom+xml")
            .WithSummary("The 50 most recently published practices, as an Atom feed.");
        group.MapGet("/names", NamesAsync).WithSummary("The names of published practices by id, for pages that link to them.")
            .Query("id", "A practice's id (at most 50); unknown or unpublished ones are left out.", repeated: true)
            .Query("lang", "The reader's language (ISO 639-1).");
        group.MapGet("/{id}", GetAsync).Produces<CatalogueDocument>(contentType: "application/json")
            .WithSummary("One published practice, with all its translations.");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SearchAsync(HttpRequest request, CatalogueIndex index, CancellationToken ct)
    {
        var q = request.Query;
        var v = new Validator();
        var text = v.OptionalText("q", q["q"].ToString(), 200);
        var sort = q["sort"].ToString() switch { "name" => CatalogueSort.Name, "transfers" => CatalogueSort.Transfers, _ => CatalogueSort.Newest };
        if (q["sort"].ToString() is not ("" or "newest" or "name" or "transfers"))
        {
            v.Add("sort", "Sort by newest, name or transfers.");
        }
        var page = Number(v, q, "page", 1, 1, 100_000);
        var pageSize = Number(v, q, "pageSize", 20, 1, MaxPageSize);
        var ongoing = q[CatalogueQuery.Ongoing].Where(x => !string.IsNullOrEmpty(x)).Select(x => x!.ToLowerInvariant()).ToList();
        if (ongoing.Any(x => x is not ("true" or "false")))
        {
            v.Add(CatalogueQuery.Ongoing, "Use true or false.");
        }
        var takenUp = q[CatalogueQuery.TakenUp].Where(x => !string.IsNullOrEmpty(x)).Select(x => x!.ToLowerInvariant()).ToList();
        if (takenUp.Any(x => x is not ("true" or "false")))
        {
            v.Add(CatalogueQuery.TakenUp, "Use true or false.");
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var filters = new Dictionary<string, IReadOnlyList<string>>
        {
            [CatalogueQuery.Country] = Values(q, CatalogueQuery.Country).Select(c => c.ToUpperInvariant()).ToList(),
            [CatalogueQuery.Field] = Values(q, CatalogueQuery.Field),
            [CatalogueQuery.TargetGroup] = Values(q, CatalogueQuery.TargetGroup),
            [CatalogueQuery.TextLanguage] = Values(q, CatalogueQuery.TextLanguage).Select(c => c.ToLowerInvariant()).ToList(),
            [CatalogueQuery.Ongoing] = ongoing,
            [CatalogueQuery.TakenUp] = takenUp,
        };
        var query = new CatalogueQuery(text, filters, sort, page, pageSize, Vocabulary.NormaliseLanguage(q["lang"].ToString()));
        var bytes = await index.CachedAsync("search|" + query.Key(), snapshot => snapshot.Search(query), ct);
        return TypedResults.Bytes(bytes, "application/json");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(string id, CatalogueIndex index, CancellationToken ct)
    {
        var snapshot = await index.SnapshotAsync(ct);
        if (snapshot.Find(id) is null)
        {
            return Problems.NotFound("The practice");
        }
        return TypedResults.Bytes(await index.CachedAsync("detail|" + id, s => s.Find(id)!, ct), "application/json");
    }

    /// <summary>The names of published practices by id (at most 50), for pages that link to them; unknown or unpublished ids are left out.</summary>
    public static async Task<Ok<List<PracticeName>>> NamesAsync(HttpRequest request, CatalogueIndex index, CancellationToken ct)
    {
        var snapshot = await index.SnapshotAsync(ct);
        var language = Vocabulary.NormaliseLanguage(request.Query["lang"].ToString());
        var names = new List<PracticeName>();
        foreach (var id in request.Query["id"].Select(id => id?.Trim()).Where(id => !string.IsNullOrEmpty(id)).Distinct().Take(50))
        {
            if (snapshot.Find(id!) is { } practice)
            {
                var text = practice.TextFor(language);
                names.Add(new PracticeName(practice.Id, text.Name, text.Language));
            }
        }
        return TypedResults.Ok(names);
    }

    public static async Task<FileContentHttpResult> ExportJsonAsync(CatalogueIndex index, CancellationToken ct) =>
        TypedResults.Bytes(await index.CachedAsync("export.json", s => s.Newest().ToList(), ct), "application/json", "exchange-practices.json");

    public static async Task<FileContentHttpResult> ExportCsvAsync(CatalogueIndex index, CancellationToken ct)
    {
        var snapshot = await index.SnapshotAsync(ct);
        var csv = new StringBuilder();
        csv.Append("id,name,organisation,country,city,start_year,end_year,ongoing,fields,target_groups,languages,language,objectives,description,budget,budget_amount,budget_currency,budget_year,funding_source,evaluation,indicators,contact_name,contact_email,contact_phone,published_at,url\r\n");
        foreach (var d in snapshot.Newest())
        {
            var t = d.TextFor(null);
            string[] row =
            [
                d.Id, t.Name, d.OrganisationName, d.Country, d.City, d.StartYear.ToString(CultureInfo.InvariantCulture), d.EndYear?.ToString(CultureInfo.InvariantCulture) ?? "",
                d.Ongoing ? "true" : "false", string.Join(';', d.Fields), string.Join(';', d.TargetGroups), string.Join(';', d.Texts.Select(x => x.Language)), t.Language,
                t.Objectives, t.Description, t.Budget ?? "", d.BudgetAmount?.ToString(CultureInfo.InvariantCulture) ?? "", d.BudgetCurrency ?? "",
                d.BudgetYear?.ToString(CultureInfo.InvariantCulture) ?? "", t.FundingSource ?? "", t.Evaluation,
                string.Join(';', t.Indicators.Select(i => i.Value is null ? i.Name : $"{i.Name}: {i.Value}")),
                d.Contact?.Name ?? "", d.Contact?.Email ?? "", d.Contact?.Phone ?? "", d.PublishedAt.ToString("O"), $"/practices/{d.Id}",
            ];
            csv.Append(string.Join(',', row.Select(Csv))).Append("\r\n");
        }
        return TypedResults.Bytes(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "exchange-practices.csv");
    }

    public static async Task<FileContentHttpResult> FeedAsync(CatalogueIndex index, IOptions<SiteOptions> site, CancellationToken ct)
    {
        var snapshot = await index.SnapshotAsync(ct);
        var baseUrl = site.Value.PublicBaseUrl;
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string atom = "http://www.w3.org/2005/Atom";
            var entries = snapshot.Newest().Take(50).ToList();
            xml.WriteStartElement("feed", atom);
            xml.WriteElementString("title", atom, "Exchange — newly published best practices");
            xml.WriteElementString("id", atom, new Uri(baseUrl, "/practices").ToString());
            xml.WriteElementString("updated", atom, (entries.FirstOrDefault()?.PublishedAt ?? DateTimeOffset.UnixEpoch).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            WriteLink(xml, atom, "self", new Uri(baseUrl, "/api/catalogue/feed.atom"));
            WriteLink(xml, atom, "alternate", new Uri(baseUrl, "/practices"));
            foreach (var d in entries)
            {
                var t = d.TextFor(null);
                xml.WriteStartElement("entry", atom);
                xml.WriteElementString("title", atom, t.Name);
                xml.WriteElementString("id", atom, new Uri(baseUrl, $"/practices/{d.Id}").ToString());
                xml.WriteElementString("updated", atom, d.PublishedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                WriteLink(xml, atom, "alternate", new Uri(baseUrl, $"/practices/{d.Id}"));
                xml.WriteStartElement("author", atom);
                xml.WriteElementString("name", atom, d.OrganisationName);
                xml.WriteEndElement();
                xml.WriteStartElement("summary", atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteAttributeString("xml", "lang", null, t.Language);
                xml.WriteString(t.Description.Length > 500 ? t.Description[..500] + "…" : t.Description);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return TypedResults.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static void WriteLink(XmlWriter xml, string ns, string rel, Uri href)
    {
        xml.WriteStartElement("link", ns);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href.ToString());
        xml.WriteEndElement();
    }

    /// <summary>RFC 4180 quoting, and a leading apostrophe so spreadsheets never run a cell as a formula.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static List<string> Values(IQueryCollection q, string name) =>
        q[name].Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!.Trim()).Distinct().Take(50).ToList();

    private static int Number(Validator v, IQueryCollection q, string name, int fallback, int min, int max)
    {
        var raw = q[name].ToString();
        if (raw.Length == 0)
        {
            return fallback;
        }
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            v.Add(name, $"Use a whole number from {min} to {max}.");
            return fallback;
        }
        return n;
    }
}
