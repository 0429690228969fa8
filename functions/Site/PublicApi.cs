using Exchange.Catalogue;
using Exchange.Common;
using Exchange.Materials;
using Exchange.Mobilities;
using Exchange.Organisations;
using Exchange.Practices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Site;

/// <summary>A visit an organisation hosted, as the public sees it: who sent whom (by profession), and when.</summary>
public sealed record HostedVisit(string SendingOrganisationId, string SendingOrganisationName, string SendingCountry, string Profession, DateOnly StartDate, DateOnly EndDate, bool HasEssay);

/// <summary>A partner's public page: the organisation, its published practices, the visits it hosted and the essays about them.</summary>
public sealed record PartnerProfile(OrganisationDto Organisation, IReadOnlyList<CatalogueItem> Practices, IReadOnlyList<HostedVisit> HostedVisits, IReadOnlyList<PublishedEssay> Essays);

public sealed record SiteFigures(int Partners, int Countries, int Practices, int Materials, int VisitsDone);

public sealed record NewMaterial(string Id, string Title, string Language, string OrganisationId, string OrganisationName, int Year, IReadOnlyList<string> Languages);

/// <summary>Upcoming visits to one host, for the home page: where, from when, how many.</summary>
public sealed record UpcomingHost(string OrganisationId, string Name, string City, string Country, DateOnly FirstStart, int Visits);

/// <summary>The home page's live part: figures from the data, the newest practices and materials, and visits ahead by host city.</summary>
public sealed record SiteOverview(SiteFigures Figures, IReadOnlyList<CatalogueItem> NewestPractices, IReadOnlyList<NewMaterial> NewestMaterials, IReadOnlyList<UpcomingHost> UpcomingVisits);

/// <summary>Public pages that gather several features: a partner's profile and the home page's overview.</summary>
public static class PublicApi
{
    public static IEndpointRouteBuilder MapPublicPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/partners/{id}", ProfileAsync).WithTags("Site");
        app.MapGet("/api/site/overview", OverviewAsync).WithTags("Site");
        return app;
    }

    public static async Task<Results<Ok<PartnerProfile>, ProblemHttpResult>> ProfileAsync(
        string id, string? lang, OrganisationStore organisations, CatalogueIndex catalogue, MobilityStore mobilities, EssayStore essays,
        TimeProvider time, CancellationToken ct)
    {
        if (await organisations.GetAsync(id, ct) is not { } organisation)
        {
            return Problems.NotFound("The partner");
        }
        var language = Vocabulary.NormaliseLanguage(lang);
        var snapshot = await catalogue.SnapshotAsync(ct);
        var practices = snapshot.Newest().Where(d => d.OrganisationId == id).Select(d => CatalogueSnapshot.Item(d, language)).ToList();
        var all = await organisations.ListAsync(ct);
        var names = all.ToDictionary(o => o.Id);
        var published = (await essays.ListAsync(EssayStatus.Published, id, ct)).OrderByDescending(e => e.PublishedAt).ToList();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var hosted = (await mobilities.ListAsync(id, ct))
            .Where(m => m.HostOrganisationId == id && new QuotaVisit(m.SendingOrganisationId, m.HostOrganisationId, m.StartDate, m.EndDate, m.Status).IsDone(today))
            .OrderByDescending(m => m.StartDate)
            .Select(m => new HostedVisit(m.SendingOrganisationId, names.GetValueOrDefault(m.SendingOrganisationId)?.Name ?? m.SendingOrganisationId,
                names.GetValueOrDefault(m.SendingOrganisationId)?.Country ?? "", m.Profession, m.StartDate, m.EndDate, published.Any(e => e.MobilityId == m.Id)))
            .ToList();
        var essayViews = published.Select(e => new PublishedEssay(e.MobilityId, e.ParticipantName, e.Profession, e.SendingOrganisationId,
            names.GetValueOrDefault(e.SendingOrganisationId)?.Name ?? e.SendingOrganisationId, e.HostOrganisationId, organisation.Name,
            e.StartDate, e.EndDate, e.Text, e.PublishedAt ?? e.SubmittedAt)).ToList();
        return TypedResults.Ok(new PartnerProfile(OrganisationDto.From(organisation), practices, hosted, essayViews));
    }

    public static async Task<Ok<SiteOverview>> OverviewAsync(
        string? lang, OrganisationStore organisations, CatalogueIndex catalogue, MaterialLibrary library, MobilityStore mobilities, TimeProvider time, CancellationToken ct)
    {
        var language = Vocabulary.NormaliseLanguage(lang);
        var partners = await organisations.ListAsync(ct);
        var byId = partners.ToDictionary(o => o.Id);
        var snapshot = await catalogue.SnapshotAsync(ct);
        var materials = (await library.SnapshotAsync(ct)).Entries.Where(e => e.Material.Files.Count > 0).ToList();
        var visits = await mobilities.ListForQuotaAsync(ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var figures = new SiteFigures(partners.Count, partners.Select(o => o.Country).Distinct().Count(), snapshot.Count, materials.Count,
            visits.Count(v => v.IsDone(today)));
        var newestMaterials = materials.OrderByDescending(e => e.Material.CreatedAt).Take(3).Select(e =>
        {
            var m = e.Material;
            var shown = language is not null && m.FileIn(language) is not null ? language : m.Facts.Language;
            return new NewMaterial(m.Id, m.TitleIn(shown), shown, m.OrganisationId, e.OrganisationName, m.Facts.Year, m.Files.Select(f => f.Language).ToList());
        }).ToList();
        var upcoming = visits
            .Where(v => v.Status is MobilityStatus.Planned or MobilityStatus.Confirmed && v.End >= today && byId.ContainsKey(v.Host))
            .GroupBy(v => v.Host)
            .Select(g => new UpcomingHost(g.Key, byId[g.Key].Name, byId[g.Key].City, byId[g.Key].Country, g.Min(v => v.Start), g.Count()))
            .OrderBy(h => h.FirstStart).Take(6).ToList();
        return TypedResults.Ok(new SiteOverview(figures, snapshot.Newest().Take(3).Select(d => CatalogueSnapshot.Item(d, language)).ToList(), newestMaterials, upcoming));
    }
}
