using Exchange.Common;
using Exchange.Materials;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Exchange.Demo;

public sealed record DemoDocument(string Language, string FileName, string Title, IReadOnlyList<string> Paragraphs);

public sealed record DemoMaterial(string OrganisationName, string OrganisationCountry, MaterialFacts Facts, IReadOnlyList<DemoDocument> Documents);

/// <summary>
/// Materials from the partnership's list, each language version a small real PDF written at
/// seeding time. The texts are our own short summaries, not the partners' documents.
/// </summary>
public static class DemoMaterials
{
    public static IReadOnlyList<DemoMaterial> All { get; } =
    [
        new(DemoPractices.OzieriOrganisation, "IT",
            Facts("it", "practice-report", 2015, ("it", "La mediazione familiare in Italia"), ("en", "Family Mediation in Italy"),
                "How family mediation is offered in Italy: who provides it, how couples reach it, and what practitioners learned."),
            [
                new("it", "Mediazione familiare in Italia.pdf", "La mediazione familiare in Italia",
                [
                    "La mediazione familiare aiuta i genitori che si separano a prendere insieme le decisioni che riguardano i figli.",
                    "In Italia il servizio è offerto dai centri per la famiglia, dai consultori e da mediatori professionisti.",
                    "Gli incontri sono riservati e volontari; il mediatore resta imparziale e non sostituisce il giudice.",
                    "Questo documento riassume l'esperienza dei servizi sardi e le domande più frequenti delle famiglie.",
                ]),
                new("en", "Family Mediation in Italy.pdf", "Family Mediation in Italy",
                [
                    "Family mediation helps separating parents make the decisions about their children together.",
                    "In Italy the service is offered by family centres, counselling clinics and professional mediators.",
                    "Sessions are confidential and voluntary; the mediator stays impartial and does not replace the court.",
                    "This document sums up the experience of the Sardinian services and the questions families ask most often.",
                ]),
            ]),
        new("ASC InSieme", "IT",
            Facts("en", "case-study", 2015, ("en", "Support to Parenthood Imola"), ("it", "Sostegno alla genitorialità a Imola"),
                "A case study of parenthood support in the Imola district, gathered during the partnership's exchange of practices."),
            [
                new("en", "Support to Parenthood Imola.pdf", "Support to Parenthood Imola",
                [
                    "The Imola district brings together social services, paediatricians and schools around new parents.",
                    "Home visits in the first months after birth are offered to every family who asks for them.",
                    "Parent groups meet weekly; older parents volunteer as mentors for those who feel alone.",
                ]),
                new("it", "Sostegno alla genitorialita Imola.pdf", "Sostegno alla genitorialità a Imola",
                [
                    "Il distretto di Imola mette in rete servizi sociali, pediatri e scuole intorno ai neogenitori.",
                    "Le visite domiciliari nei primi mesi dopo la nascita sono offerte a ogni famiglia che le chiede.",
                    "I gruppi di genitori si incontrano ogni settimana; genitori più esperti fanno da tutor a chi si sente solo.",
                ]),
            ]),
        new(DemoPractices.OzieriOrganisation, "IT",
            Facts("en", "final-publication", 2016, ("en", "Handbook of European Best Practices"), ("it", "Manuale delle buone pratiche europee"),
                "The partnership's final publication: best practices that support families at risk of social exclusion through community empowerment."),
            [
                new("en", "Handbook of European Best Practices.pdf", "Handbook of European Best Practices",
                [
                    "Loneliness, more than poverty alone, is what many families in industrialised countries struggle with.",
                    "The partners describe practices in one template, with objectives, target groups and outcome indicators.",
                    "Community empowerment means professionals help families build lasting networks of mutual help.",
                    "Each chapter presents one partner's practice and what the others learned from it.",
                ]),
                new("it", "Manuale delle buone pratiche europee.pdf", "Manuale delle buone pratiche europee",
                [
                    "La solitudine, più ancora della povertà, è la difficoltà di molte famiglie nei paesi industrializzati.",
                    "I partner descrivono le pratiche con uno schema comune: obiettivi, destinatari e indicatori di risultato.",
                    "Empowerment di comunità significa che i professionisti aiutano le famiglie a costruire reti stabili di mutuo aiuto.",
                    "Ogni capitolo presenta la pratica di un partner e ciò che gli altri ne hanno imparato.",
                ]),
            ]),
        new("Holmestrand kommune", "NO",
            Facts("en", "policy-paper", 2015, ("en", "Holmestrand Municipality – Policy Making Aspects"), ("no", "Holmestrand kommune – politikkutforming"),
                "How a Norwegian municipality turns its family policy into services, and the place of family mediation in it."),
            [
                new("en", "Holmestrand Policy Making Aspects.pdf", "Holmestrand Municipality – Policy Making Aspects",
                [
                    "The municipal council sets a plan for children and families every four years.",
                    "Health clinics, schools and kindergartens share one plan, so families meet the same goals everywhere.",
                    "Family mediation is offered before parents go to court; it is free of charge.",
                ]),
                new("no", "Holmestrand politikkutforming.pdf", "Holmestrand kommune – politikkutforming",
                [
                    "Kommunestyret vedtar en plan for barn og familier hvert fjerde år.",
                    "Helsestasjoner, skoler og barnehager følger den samme planen, slik at familiene møter de samme målene overalt.",
                    "Familiemekling tilbys før foreldrene går til retten, og den er gratis.",
                ]),
            ]),
    ];

    private static MaterialFacts Facts(string language, string category, int year, (string, string) title, (string, string) translatedTitle, string description) =>
        new(language, new SortedDictionary<string, string>(StringComparer.Ordinal) { [title.Item1] = title.Item2, [translatedTitle.Item1] = translatedTitle.Item2 },
            description, category, year, MaterialInputRules.DefaultLicence, []);

    /// <summary>
    /// A one-page PDF in Helvetica (a standard font, so nothing is embedded): the title and the
    /// paragraphs, wrapped. PdfPig measures standard fonts through the Adobe standard encoding,
    /// which has no accented letters, so the text is written in plain ASCII; search folds
    /// accents anyway, so "città" still finds "citta".
    /// </summary>
    public static byte[] Pdf(DemoDocument document)
    {
        using var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(PageSize.A4);
        page.AddText(TextFolding.ToAscii(document.Title, '?'), 16, new PdfPoint(50, 780), bold);
        var y = 745.0;
        foreach (var paragraph in document.Paragraphs)
        {
            foreach (var line in Wrap(TextFolding.ToAscii(paragraph, '?'), 85))
            {
                page.AddText(line, 11, new PdfPoint(50, y), regular);
                y -= 15;
            }
            y -= 8;
        }
        return builder.Build();
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width)
            {
                yield return line;
                line = "";
            }
            line = line.Length == 0 ? word : $"{line} {word}";
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
