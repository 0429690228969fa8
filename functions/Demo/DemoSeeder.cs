using Exchange.Catalogue;
using Exchange.Common;
using Exchange.Hosting;
using Exchange.Materials;
using Exchange.Mobilities;
using Exchange.Practices;
using Exchange.Storage;
using Exchange.Organisations;
using Exchange.Reminders;
using Microsoft.Extensions.Options;

namespace Exchange.Demo;

/// <summary>
/// Local demo content: the partner organisations named in the partnership's pages. Runs at
/// start when Site:SeedDemo is set; existing rows are left alone, so restarts keep edits.
/// </summary>
public sealed class DemoSeeder(
    OrganisationStore organisations, PracticeStore practices, CatalogueIndex catalogue, MaterialStore materials, MaterialUploads uploads,
    MobilityStore mobilities, ReminderScheduler reminders, StorageInitializer storage, TimeProvider time, IOptions<SiteOptions> site,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    public static readonly IReadOnlyList<OrganisationFields> Organisations =
    [
        new("Comune di Ozieri – Centro per la famiglia Lares", "IT", "Ozieri", "municipality", null,
            "Sardinian municipality leading the social-services district of the Ozieri health area; its Lares family centre works on prevention and family well-being with schools, health services and the third sector."),
        new("Unione dei Comuni Valli del Reno, Lavino e Samoggia", "IT", "Casalecchio di Reno", "municipality", null,
            "Union of five municipalities near Bologna (Casalecchio di Reno, Monte San Pietro, Sasso Marconi, Valsamoggia and Zola Predosa) running a parenting-support and vulnerability-prevention project with ASC InSieme."),
        new("ASC InSieme", "IT", "Casalecchio di Reno", "public-agency", null,
            "Public company that runs social services for the union of municipalities in the Bologna hills."),
        new("Holmestrand kommune", "NO", "Holmestrand", "municipality", null,
            "Norwegian municipality that shared its policy-making work and its experience of family mediation."),
        new("Vänersborgs kommun", "SE", "Vänersborg", "municipality", null,
            "Swedish municipality whose support to parenthood is one of the partnership's case studies."),
        new("Sjöberggymnasiet", "SE", "Vänersborg", "school", null,
            "Upper-secondary school in Vänersborg, described in a partnership case study."),
        new("Universitatea Aurel Vlaicu din Arad", "RO", "Arad", "university", null,
            "University in western Romania, partner in the network for family and community resources."),
        new("Sjúkrahúsið á Akureyri", "IS", "Akureyri", "health-service", null,
            "Hospital in northern Iceland, partner in the network for family and community resources in mental health."),
        new("Luxembourg Institute of Health", "LU", "Strassen", "research-institute", null,
            "Public research institute in biomedicine and public health."),
        new("Kirkkopalvelut ry", "FI", "Pieksämäki", "ngo", null,
            "Finnish non-profit association working in social and educational services."),
    ];

    protected override async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        if (!site.Value.SeedDemo)
        {
            return;
        }
        await storage.Ready.WaitAsync(cancellationToken);
        var created = 0;
        foreach (var organisation in Organisations)
        {
            var (outcome, _) = await organisations.CreateAsync(organisation, cancellationToken);
            created += outcome == SaveOutcome.Saved ? 1 : 0;
        }
        logger.LogInformation("Demo content: {Created} new organisations, {Existing} already present", created, Organisations.Count - created);
        await SeedPracticesAsync(cancellationToken);
        await SeedMaterialsAsync(cancellationToken);
        await SeedMobilitiesAsync(cancellationToken);
    }

    /// <summary>
    /// Two visits: one starting in about three weeks (its "prepare" reminder is a few days away,
    /// visible in the coordinator's preview) and one that ended two days ago, whose essay request
    /// goes to the outbox at the next reminder run.
    /// </summary>
    private async Task SeedMobilitiesAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = today.AddDays(18);
        while (start.DayOfWeek != DayOfWeek.Monday)
        {
            start = start.AddDays(1);
        }
        var ozieri = OrganisationStore.IdFor("IT", DemoPractices.OzieriOrganisation);
        var holmestrand = OrganisationStore.IdFor("NO", "Holmestrand kommune");
        var vanersborg = OrganisationStore.IdFor("SE", "Vänersborgs kommun");
        var arad = OrganisationStore.IdFor("RO", "Universitatea Aurel Vlaicu din Arad");
        var ended = today.AddDays(-2);
        var seeded = 0;
        foreach (var mobility in new[]
        {
            Demo(OrganisationScopedId.Compose(ozieri, "demovisit"), ozieri, holmestrand, "Giulia Sanna", "giulia.sanna@example.org", "it", "Social worker", "IT", start, start.AddDays(4),
                MobilityStatus.Confirmed, new HostDetails("Holmestrand rådhus, Holmestrand", "Kari Nilsen", "kari.nilsen@example.org", "+47 33 00 00 00",
                    "Monday: welcome and the municipality's family services.\nTuesday–Wednesday: family mediation sessions (observing).\nThursday: visits to the local network.\nFriday: review and next steps.")),
            Demo(OrganisationScopedId.Compose(vanersborg, "demoessay"), vanersborg, arad, "Erik Lindqvist", "erik.lindqvist@example.org", "en", "Family counsellor", "SE", ended.AddDays(-4), ended,
                MobilityStatus.Completed, new HostDetails("Bulevardul Revoluției 77, Arad", "Ana Popescu", "ana.popescu@example.org", null,
                    "Five days with the university's social work department: lectures, interfamily group sessions and visits to community services.")),
        })
        {
            if (await mobilities.TryCreateAsync(mobility, ct) is { } created)
            {
                await reminders.SyncAsync(created.Id, ct);
                seeded++;
            }
        }
        logger.LogInformation("Demo content: {Seeded} new mobilities", seeded);
    }

    private Mobility Demo(string id, string sending, string host, string name, string email, string language, string profession, string country,
        DateOnly start, DateOnly end, MobilityStatus status, HostDetails details)
    {
        var now = time.GetUtcNow();
        return new Mobility(id, sending, host, name, email, language, profession, country, start, end, status, details, false, null, null, 1,
            now, "demo@exchange.local", now, "demo@exchange.local", "");
    }

    private async Task SeedPracticesAsync(CancellationToken ct)
    {
        var ozieri = OrganisationStore.IdFor("IT", DemoPractices.OzieriOrganisation);
        var bologna = OrganisationStore.IdFor("IT", DemoPractices.BolognaOrganisation);
        if ((await practices.ListAsync(ozieri, null, ct)).Count > 0 || (await practices.ListAsync(bologna, null, ct)).Count > 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        const string by = "demo@exchange.local";
        var (ozieriFacts, ozieriText) = DemoPractices.Ozieri();
        var first = Published(PracticeWorkflow.Create(PracticeStore.Compose(ozieri, "lares"), ozieri, ozieriFacts, ozieriText, by, now.AddDays(-30)), now.AddDays(-29));
        var (bolognaFacts, italian, english) = DemoPractices.Bologna();
        var second = PracticeWorkflow.Create(PracticeStore.Compose(bologna, "pippi"), bologna, bolognaFacts, italian, by, now.AddDays(-10));
        second = PracticeWorkflow.Translate(second, "en", english, by, now.AddDays(-10)).OrThrow();
        second = Published(second, now.AddDays(-9));
        await practices.ImportAsync([first, second], ct);
        await catalogue.LoadAsync(ct);
        logger.LogInformation("Demo content: 2 published practices");
    }

    /// <summary>Each material goes through the same upload path as a partner's: a slot, the file written to it, the commit, then hashing and indexing.</summary>
    private async Task SeedMaterialsAsync(CancellationToken ct)
    {
        var organisationIds = DemoMaterials.All.Select(d => OrganisationStore.IdFor(d.OrganisationCountry, d.OrganisationName)).ToHashSet();
        if ((await materials.ListAsync(ct)).Any(m => organisationIds.Contains(m.OrganisationId)))
        {
            return;
        }
        foreach (var demo in DemoMaterials.All)
        {
            var organisationId = OrganisationStore.IdFor(demo.OrganisationCountry, demo.OrganisationName);
            var material = await materials.CreateAsync(MaterialRules.Create(OrganisationScopedId.New(organisationId), organisationId, demo.Facts, time.GetUtcNow()), ct);
            // The original first: translations record which of its revisions they follow.
            foreach (var document in demo.Documents.OrderByDescending(d => d.Language == demo.Facts.Language))
            {
                var pdf = BinaryData.FromBytes(DemoMaterials.Pdf(document));
                var result = await uploads.StoreAsync(material.Id, document.Language, document.FileName, pdf, "demo@exchange.local", ct);
                if (!result.TryGet(out _, out var refusal))
                {
                    logger.LogWarning("Demo material {Title} ({Language}) was not stored ({Kind}): {Reason}", document.Title, document.Language, result.Kind, refusal);
                }
            }
        }
        logger.LogInformation("Demo content: {Count} materials", DemoMaterials.All.Count);
    }

    private static Practice Published(Practice practice, DateTimeOffset at) =>
        PracticeWorkflow.Publish(PracticeWorkflow.Submit(practice, "demo@exchange.local", at).OrThrow(), "coordinator@exchange.local", at).OrThrow();

}
