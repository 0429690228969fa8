using Exchange.Practices;

namespace Exchange.Demo;

/// <summary>The two practices described in the partnership's pages, in our own words.</summary>
public static class DemoPractices
{
    public const string OzieriOrganisation = "Comune di Ozieri – Centro per la famiglia Lares";
    public const string BolognaOrganisation = "Unione dei Comuni Valli del Reno, Lavino e Samoggia";

    public static (PracticeFacts Facts, PracticeText Text) Ozieri() => (
        new PracticeFacts("en", "IT", "Ozieri", 2011, null, true,
            ["motherhood-fatherhood-support", "work-life-balance", "leisure-sport-free-time", "training-education"],
            ["children", "teenagers", "parents", "grandparents"],
            null, null, null, false, null, null, null),
        new PracticeText(
            "Professional Social Service and Coordination Centre for the Family",
            "Overall aim: the psychological, educational and social well-being of individuals, families and the community.\n" +
            "Specific aims: primary prevention and healthy lifestyles as an alternative to risky ones; a culture of non-violence; " +
            "giving young people an active role; planning family-friendly actions; and a network between municipal departments, " +
            "local services and the third sector for joint projects that support parenthood.",
            "The municipality leads the social-services district of the Ozieri health area in Sardinia and hosts the \"Lares\" family centre. " +
            "The centre offers activities for children, young people, families and the community, working both on primary prevention and on " +
            "specialist support. It cooperates with the municipal social services, the local health authority, schools, training agencies and " +
            "third-sector organisations.",
            "Funded by the Autonomous Region of Sardinia and by the municipality.",
            "Autonomous Region of Sardinia; municipal funds",
            "Over the years the services have become better integrated and can answer the needs of individuals and families more broadly. " +
            "The social impact is judged positive. Continuous investment is needed to consolidate the results and to follow families' changing needs.",
            [new Indicator("Integration between services", "improved"), new Indicator("Social impact", "positive")]));

    public static (PracticeFacts Facts, PracticeText Italian, PracticeText English) Bologna() => (
        new PracticeFacts("it", "IT", "Casalecchio di Reno", 2022, null, true,
            ["home-educational-support", "parent-child-groups", "placement-prevention", "community-networks"],
            ["children", "parents", "families-at-risk"],
            211_000m, "EUR", 2022, false, null, null, null),
        new PracticeText(
            "Sostegno alle capacità genitoriali e prevenzione della vulnerabilità delle famiglie",
            "Sostenere le famiglie vulnerabili nel ruolo educativo e rafforzare le competenze dei genitori; permettere ai bambini di crescere " +
            "nella propria famiglia; coinvolgere la comunità educante in una rete di opportunità; lavorare in modo integrato tra sociale e " +
            "sanitario; ridurre il più possibile l'inserimento dei minori in comunità, intervenendo presto sui segnali di rischio.",
            "Cinque comuni dell'area metropolitana di Bologna – Casalecchio di Reno, Monte San Pietro, Sasso Marconi, Valsamoggia e Zola Predosa – " +
            "attuano il programma P.I.P.P.I. con l'azienda ASC InSieme. Dopo la pandemia il servizio sociale ha visto aggravarsi la vulnerabilità " +
            "delle famiglie già seguite e crescere nuove fragilità. Équipe multidisciplinari stabili valutano ogni situazione con la famiglia e " +
            "costruiscono un progetto condiviso: educativa domiciliare, vicinanza solidale, gruppi per genitori e bambini guidati da professionisti.",
            "Finanziamento PNRR, Missione 5, investimento 1.1.1.",
            "Piano Nazionale di Ripresa e Resilienza (PNRR)",
            "Il progetto misura la partecipazione delle famiglie ai progetti individualizzati e il ricorso all'inserimento in comunità, " +
            "con strumenti di valutazione a evidenza scientifica previsti dal programma P.I.P.P.I.",
            [new Indicator("Importo finanziato", "211.000 EUR"), new Indicator("Comuni coinvolti", "5")]),
        new PracticeText(
            "Supporting parenting skills and preventing vulnerability in families",
            "Support vulnerable families in their educational role and strengthen parenting skills; let children grow up in their own family; " +
            "involve the wider community in a network of opportunities; integrate social and health work; keep placements of children outside " +
            "the family to a minimum by acting early on signs of risk.",
            "Five municipalities in the metropolitan area of Bologna – Casalecchio di Reno, Monte San Pietro, Sasso Marconi, Valsamoggia and " +
            "Zola Predosa – run the P.I.P.P.I. programme together with the public company ASC InSieme. After the pandemic, social workers saw " +
            "families already in their care become more vulnerable and new fragilities appear. Stable multidisciplinary teams assess each " +
            "situation with the family and build a shared plan: home-based educational support, neighbourly help, and parent-and-child groups led by professionals.",
            "Funded by Italy's national recovery plan (PNRR), Mission 5, investment 1.1.1.",
            "National Recovery and Resilience Plan (PNRR)",
            "The project tracks families' participation in their individual plans and the use of out-of-home placements, with the " +
            "evidence-based assessment tools of the P.I.P.P.I. programme.",
            [new Indicator("Funding", "EUR 211,000"), new Indicator("Municipalities involved", "5")]));
}
