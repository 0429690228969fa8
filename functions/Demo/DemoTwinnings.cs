using Exchange.Common;
using Exchange.Hosting;
using Exchange.Organisations;
using Exchange.Storage;
using Exchange.Twinning;
using Microsoft.Extensions.Options;

namespace Exchange.Demo;

/// <summary>
/// Demo twinnings from the partnership's page on the first twinning meetings: three services
/// (orientation and information, family mediation, families with multiple problems), each with an
/// information-and-training meeting hosted by a centre in Rimini, Bari or Turin and attended by
/// centres from several regions, and an online laboratory still to come. The family centres are
/// demo organisations named after their cities. Existing twinnings are left alone.
/// </summary>
public sealed class DemoTwinnings(
    OrganisationStore organisations, TwinningStore twinnings, RegistrationStore registrations, MeetingReminders reminders, StorageInitializer storage,
    TimeProvider time, IOptions<SiteOptions> site, ILogger<DemoTwinnings> logger) : BackgroundService
{
    private const string By = "demo@exchange.local";

    public sealed record Centre(string City, string Region);

    public sealed record Plan(
        string Id, string Service, string TitleEn, string TitleIt, string DescriptionEn, string DescriptionIt, Centre Mentor, IReadOnlyList<Centre> Learners,
        int Month, int FirstDay, int Days, string Address, string UpdateIt, string UpdateEn);

    public static string CentreName(string city) => $"Centro per le famiglie di {city}";

    public static readonly IReadOnlyList<Plan> Plans =
    [
        new("orientation-rimini", "orientation-information",
            "Orientation and information for families: from Rimini to four regions",
            "Orientamento e informazione per le famiglie: da Rimini a quattro regioni",
            "The Rimini family centre, with long experience of its information desk for families, shares how it welcomes, informs and guides parents with centres that want to open the same service.",
            "Il Centro per le famiglie di Rimini, con una lunga esperienza nello sportello informativo per le famiglie, condivide come accoglie, informa e orienta i genitori con i Centri che vogliono aprire lo stesso servizio.",
            new("Rimini", "Emilia-Romagna"), [new("Genova", "Liguria"), new("Firenze", "Toscana"), new("Potenza", "Basilicata")],
            6, 27, 2, "Via Dario Campana 64",
            "Si è svolto a Rimini il primo incontro informativo-formativo del gemellaggio. Gli incontri continueranno nei prossimi mesi con laboratori on line.",
            "The twinning's first information-and-training meeting took place in Rimini. The meetings will continue in the coming months with online laboratories."),
        new("family-mediation-bari", "family-mediation",
            "Family mediation: from Bari to Calabria and Sardinia",
            "Mediazione familiare: da Bari alla Calabria e alla Sardegna",
            "The Bari family centre shows how it runs family mediation for separating parents, from the first interview to the agreement, to centres that want to offer it.",
            "Il Centro per le famiglie di Bari mostra come conduce la mediazione familiare per i genitori che si separano, dal primo colloquio all'accordo, ai Centri che vogliono offrirla.",
            new("Bari", "Puglia"), [new("Cosenza", "Calabria"), new("Ozieri", "Sardegna")],
            6, 28, 2, "Piazza Umberto I 1",
            "A Bari i Centri di Puglia, Calabria e Sardegna si sono confrontati sulla mediazione familiare. Nelle prossime settimane nuovi aggiornamenti sulle iniziative future.",
            "In Bari the centres of Puglia, Calabria and Sardinia compared their work on family mediation. New updates on future initiatives will follow in the coming weeks."),
        new("multi-problem-families-torino", "multi-problem-families",
            "Support for families with multiple problems: from Turin to five regions",
            "Sostegno alle famiglie multiproblematiche: da Torino a cinque regioni",
            "The Turin family centre works with families facing several difficulties at once, together with social and health services; it shares its way of working with centres in five regions.",
            "Il Centro per le famiglie di Torino lavora con famiglie che affrontano più difficoltà insieme, con i servizi sociali e sanitari; condivide il suo metodo con Centri di cinque regioni.",
            new("Torino", "Piemonte"), [new("Pescara", "Abruzzo"), new("Perugia", "Umbria"), new("Ancona", "Marche"), new("Padova", "Veneto")],
            7, 10, 2, "Via Giuseppe Garibaldi 10",
            "Concluso a Torino l'incontro con i Centri di Piemonte, Abruzzo, Umbria, Marche e Veneto. Gli incontri di gemellaggio continueranno nei prossimi mesi.",
            "The meeting in Turin with the centres of Piedmont, Abruzzo, Umbria, the Marche and Veneto is over. The twinning meetings will continue in the coming months."),
    ];

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!site.Value.SeedDemo)
        {
            return;
        }
        await storage.Ready.WaitAsync(ct);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // The meetings of the page took place this summer, or last summer early in the year.
        var year = today >= new DateOnly(today.Year, 7, 12) ? today.Year : today.Year - 1;
        var seeded = 0;
        foreach (var plan in Plans)
        {
            if (await twinnings.GetAsync(plan.Id, ct) is not null)
            {
                continue;
            }
            var mentor = await CentreAsync(plan.Mentor, ct);
            var learners = new List<string>();
            foreach (var learner in plan.Learners)
            {
                learners.Add(await CentreAsync(learner, ct));
            }
            var first = new DateOnly(year, plan.Month, plan.FirstDay);
            var regions = new[] { plan.Mentor.Region }.Concat(plan.Learners.Select(l => l.Region)).ToList();
            var twinning = new TwinningRecord(plan.Id,
                [new TwinningText("it", plan.TitleIt, plan.DescriptionIt), new TwinningText("en", plan.TitleEn, plan.DescriptionEn)],
                plan.Service, mentor, learners, null, regions, TwinningStatus.Running,
                [
                    new Phase("Agreement with the regional administrations", first.AddDays(-90), first.AddDays(-45), "Agree the steps of the twinning and who takes part.", true),
                    new Phase("Online thematic workshops", first.AddDays(-40), first.AddDays(-5), "Compare how each centre works today.", true),
                    new Phase("Information-and-training meeting", first, first.AddDays(plan.Days - 1), $"Meet at the mentor centre in {plan.Mentor.City}.", true),
                    new Phase("Trying the service in the learning centres", first.AddDays(30), today.AddDays(120), "Each learning centre starts the service and records its first results.", false),
                ], now, now, By, "");
            if (await twinnings.CreateAsync(twinning, ct) is not { } created)
            {
                continue;
            }
            var zone = HomeTimeZones.For("IT");
            var meeting = new Meeting(created.Id, "meeting1", MeetingFormat.InPerson, plan.TitleIt.Split(':')[0] + ": incontro informativo-formativo",
                "Primo giorno: come funziona il servizio nel Centro mentore.\nSecondo giorno: visita al servizio e confronto sui primi passi.", null, true, 40,
                MeetingStatus.Scheduled, zone.Id, null, null, null, mentor, plan.Address, plan.Mentor.City, first, first.AddDays(plan.Days - 1), learners,
                HomeTimeZones.ToUtc(first, TimeOnly.MinValue, zone), HomeTimeZones.ToUtc(first.AddDays(plan.Days), TimeOnly.MinValue, zone),
                0, now, now, now, By, "");
            await twinnings.CreateMeetingAsync(meeting, ct);
            var labDay = today.AddDays(21 + seeded * 7);
            var labStart = labDay.ToDateTime(new TimeOnly(10, 0));
            var lab = new Meeting(created.Id, "lab1", MeetingFormat.Online, "Laboratorio tematico on line", "Casi portati dai Centri che apprendono; domande al Centro mentore.",
                null, true, 30, MeetingStatus.Scheduled, zone.Id, labStart, 120, "https://meet.example.org/" + created.Id, null, null, null, null, null, [],
                HomeTimeZones.ToUtc(labDay, new TimeOnly(10, 0), zone), HomeTimeZones.ToUtc(labDay, new TimeOnly(12, 0), zone), 0, now, now, now, By, "");
            var savedLab = await twinnings.CreateMeetingAsync(lab, ct);
            await twinnings.CreateUpdateAsync(new TwinningUpdate(created.Id, "update1", first.AddDays(plan.Days + 2), mentor, By, true, 1,
                [new UpdateText("it", true, null, "Gli incontri continueranno", plan.UpdateIt), new UpdateText("en", false, 1, "The meetings will continue", plan.UpdateEn)],
                now, now, ""), ct);
            if (savedLab is not null && seeded == 0)
            {
                await RegisterAsync(created, savedLab, learners[0], ct);
            }
            seeded++;
        }
        logger.LogInformation("Demo content: {Seeded} new twinnings", seeded);
    }

    private async Task RegisterAsync(TwinningRecord twinning, Meeting lab, string organisationId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        Registration Person(string name, string role, string email) =>
            new(twinning.Id, lab.Id, TwinningIds.Random(12), organisationId, name, role, email, "it", AttendanceStatus.Registered, false, now, By, null, "");
        var note = await reminders.BeginAsync(twinning.Id, lab.Id, ct);
        var (_, saved, _) = await registrations.RegisterAsync(twinning.Id, lab.Id, lab.Capacity,
            [Person("Chiara Bruzzone", "Coordinatrice del Centro", "chiara.bruzzone@example.org"), Person("Marco Ferrando", "Educatore", "marco.ferrando@example.org")], ct);
        await reminders.SyncAttendeesAsync(twinning, lab, saved, note, ct);
    }

    /// <summary>The centre of a city in the partners directory, added when missing.</summary>
    private async Task<string> CentreAsync(Centre centre, CancellationToken ct)
    {
        if (centre.City == "Ozieri")
        {
            var ozieri = DemoSeeder.Organisations.Single(o => o.Name == DemoPractices.OzieriOrganisation);
            await organisations.CreateAsync(ozieri, ct);
            return OrganisationStore.IdFor(ozieri.Country, ozieri.Name);
        }
        var name = CentreName(centre.City);
        await organisations.CreateAsync(new OrganisationFields(name, "IT", centre.City, "family-centre", null,
            $"Demo organisation: a family centre of the {centre.Region} region taking part in the twinnings."), ct);
        return OrganisationStore.IdFor("IT", name);
    }
}
