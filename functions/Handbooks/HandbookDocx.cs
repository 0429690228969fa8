using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Exchange.Handbooks;

/// <summary>
/// The handbook edition as a Word file the partnership can edit further: real Title, Heading 1 and
/// Heading 2 styles (with outline levels, so Word's navigation and its table of contents find them),
/// a TOC field that Word fills in when the file is opened, and a page number in the footer.
/// </summary>
public static class HandbookDocx
{
    public static byte[] Render(HandbookEdition edition)
    {
        using var output = new MemoryStream();
        using (var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new UpdateFieldsOnOpen { Val = true });
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(new Paragraph([new ParagraphProperties(new Justification { Val = JustificationValues.Center }), .. Field(" PAGE ", "1")]));

            var body = new Body();
            body.Append(Styled("Title", edition.Title));
            body.Append(Styled("Subtitle", edition.Labels.Subtitle));
            body.Append(Text(edition.DateText));
            body.Append(PageBreak());
            body.Append(Styled("TOCHeading", edition.Labels.Contents));
            body.Append(new Paragraph(Field(" TOC \\o \"1-2\" \\h \\z \\u ", edition.Labels.UpdateContents)));
            body.Append(PageBreak());
            body.Append(Styled("Heading1", edition.Labels.Introduction));
            foreach (var paragraph in Paragraphs(edition.Introduction))
            {
                body.Append(Text(paragraph));
            }
            foreach (var chapter in edition.Chapters)
            {
                body.Append(PageBreak());
                body.Append(Styled("Heading1", chapter.Title));
                foreach (var practice in chapter.Practices)
                {
                    body.Append(Styled("Heading2", practice.Name));
                    body.Append(Text($"{practice.Organisation} — {practice.Place}"));
                    foreach (var (label, text) in practice.Fields)
                    {
                        body.Append(new Paragraph(new ParagraphProperties(new KeepNext()), new Run(new RunProperties(new Bold()), new Text(label))));
                        foreach (var paragraph in Paragraphs(text))
                        {
                            body.Append(Text(paragraph));
                        }
                    }
                }
            }
            body.Append(PageBreak());
            body.Append(Styled("Heading1", edition.Labels.Partners));
            foreach (var partner in edition.Partners)
            {
                body.Append(Text($"{partner.Name} — {partner.City}, {partner.Country}"));
            }
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U, Header = 567U, Footer = 567U, Gutter = 0U }));
            main.Document = new Document(body);
            document.PackageProperties.Title = edition.Title;
            document.PackageProperties.Language = edition.Language;
            document.PackageProperties.Creator = "Exchange";
        }
        return output.ToArray();
    }

    private static Paragraph Styled(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph Text(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph PageBreak() => new(new Run(new Break { Type = BreakValues.Page }));

    private static OpenXmlElement[] Field(string code, string placeholder) =>
    [
        new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
        new Run(new FieldCode(code) { Space = SpaceProcessingModeValues.Preserve }),
        new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
        new Run(new Text(placeholder)),
        new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
    ];

    private static IEnumerable<string> Paragraphs(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0);

    private static void AddStyles(MainDocumentPart main)
    {
        Style Heading(string id, string name, int level, int size) => new(
            new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level }),
            new StyleRunProperties(new Bold(), new FontSize { Val = (size * 2).ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        { Type = StyleValues.Paragraph, StyleId = id };

        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "DejaVu Sans", HighAnsi = "DejaVu Sans", ComplexScript = "DejaVu Sans", EastAsia = "DejaVu Sans" },
                new FontSize { Val = "21" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle(), new StyleParagraphProperties(new SpacingBetweenLines { After = "120" }))
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(new StyleName { Val = "Title" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
                new StyleRunProperties(new Bold(), new FontSize { Val = "56" }))
            { Type = StyleValues.Paragraph, StyleId = "Title" },
            new Style(new StyleName { Val = "Subtitle" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(), new StyleRunProperties(new FontSize { Val = "32" }))
            { Type = StyleValues.Paragraph, StyleId = "Subtitle" },
            Heading("Heading1", "heading 1", 0, 18),
            Heading("Heading2", "heading 2", 1, 14),
            new Style(new StyleName { Val = "TOC Heading" }, new BasedOn { Val = "Heading1" }, new NextParagraphStyle { Val = "Normal" },
                new StyleParagraphProperties(new OutlineLevel { Val = 9 }))
            { Type = StyleValues.Paragraph, StyleId = "TOCHeading" });
    }
}
