using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Exchange.Handbooks;

/// <summary>
/// Lays out a handbook edition as an A4 PDF: a cover, the table of contents with page numbers, the
/// introduction, each chapter with one section per practice in the template's fields, and the
/// partners with their countries; page numbers at the foot of every page but the cover. The table
/// of contents is drawn last, on pages set aside for it, once every section's page is known.
/// </summary>
public static class HandbookPdf
{
    private const double Width = 595, Height = 842, Margin = 60, Bottom = 790;
    private const int TocLinesPerPage = 34;
    private static readonly XPdfFontOptions Unicode = new(PdfSharp.Pdf.PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);

    private sealed record TocEntry(int Level, string Title, int Page);

    public static byte[] Render(HandbookEdition edition, Action<string>? progress = null)
    {
        HandbookFonts.Install();
        var titleFont = new XFont(HandbookFonts.Family, 26, XFontStyleEx.Bold, Unicode);
        var h1 = new XFont(HandbookFonts.Family, 18, XFontStyleEx.Bold, Unicode);
        var h2 = new XFont(HandbookFonts.Family, 14, XFontStyleEx.Bold, Unicode);
        var label = new XFont(HandbookFonts.Family, 10, XFontStyleEx.Bold, Unicode);
        var body = new XFont(HandbookFonts.Family, 10, XFontStyleEx.Regular, Unicode);
        var small = new XFont(HandbookFonts.Family, 9, XFontStyleEx.Regular, Unicode);

        using var document = new PdfDocument();
        document.Info.Title = edition.Title;
        document.Info.Subject = edition.Labels.Subtitle;
        document.Info.Creator = "Exchange";
        document.Language = edition.Language;

        var toc = new List<TocEntry>();
        PdfPage page = null!;
        XGraphics gfx = null!;
        double y = 0;

        void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Width = XUnit.FromPoint(Width);
            page.Height = XUnit.FromPoint(Height);
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        void Line(string text, XFont font, double indent = 0, double after = 0)
        {
            foreach (var line in Wrap(gfx, text, font, Width - (2 * Margin) - indent))
            {
                var height = font.GetHeight() * 1.25;
                if (y + height > Bottom)
                {
                    NewPage();
                }
                gfx.DrawString(line, font, XBrushes.Black, new XPoint(Margin + indent, y + font.GetHeight()));
                y += height;
            }
            y += after;
        }

        // Cover
        NewPage();
        y = 260;
        Line(edition.Title, titleFont, after: 16);
        Line(edition.Labels.Subtitle, h2, after: 8);
        Line(edition.DateText, body);

        // Pages kept for the table of contents
        var entries = 2 + edition.Chapters.Sum(c => 1 + c.Practices.Count);
        var tocPages = new List<PdfPage>();
        for (var i = 0; i < Math.Max(1, (entries + TocLinesPerPage - 1) / TocLinesPerPage); i++)
        {
            NewPage();
            tocPages.Add(page);
        }

        NewPage();
        toc.Add(new TocEntry(1, edition.Labels.Introduction, document.PageCount));
        Line(edition.Labels.Introduction, h1, after: 10);
        foreach (var paragraph in Paragraphs(edition.Introduction))
        {
            Line(paragraph, body, after: 6);
        }

        foreach (var chapter in edition.Chapters)
        {
            NewPage();
            toc.Add(new TocEntry(1, chapter.Title, document.PageCount));
            document.Outlines.Add(chapter.Title, page, true);
            Line(chapter.Title, h1, after: 14);
            var first = true;
            foreach (var practice in chapter.Practices)
            {
                if (!first)
                {
                    NewPage();
                }
                first = false;
                progress?.Invoke(practice.Name);
                toc.Add(new TocEntry(2, practice.Name, document.PageCount));
                document.Outlines[^1].Outlines.Add(practice.Name, page);
                Line(practice.Name, h2, after: 2);
                Line($"{practice.Organisation} — {practice.Place}", small, after: 10);
                foreach (var (name, text) in practice.Fields)
                {
                    Line(name, label, after: 1);
                    foreach (var paragraph in Paragraphs(text))
                    {
                        Line(paragraph, body, after: 2);
                    }
                    y += 6;
                }
            }
        }

        NewPage();
        toc.Add(new TocEntry(1, edition.Labels.Partners, document.PageCount));
        Line(edition.Labels.Partners, h1, after: 10);
        foreach (var partner in edition.Partners)
        {
            Line($"{partner.Name} — {partner.City}, {partner.Country}", body, after: 2);
        }
        gfx.Dispose();

        DrawContents(document, tocPages, toc, edition.Labels.Contents, h1, body, label);
        for (var i = 1; i < document.PageCount; i++)
        {
            using var foot = XGraphics.FromPdfPage(document.Pages[i]);
            foot.DrawString((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), small, XBrushes.Black,
                new XRect(0, Height - 40, Width, 20), XStringFormats.Center);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void DrawContents(PdfDocument document, List<PdfPage> pages, List<TocEntry> toc, string heading, XFont h1, XFont body, XFont bold)
    {
        var index = 0;
        foreach (var page in pages)
        {
            using var gfx = XGraphics.FromPdfPage(page);
            var y = Margin;
            if (index == 0)
            {
                gfx.DrawString(heading, h1, XBrushes.Black, new XPoint(Margin, y + h1.GetHeight()));
                y += h1.GetHeight() * 2;
            }
            for (var line = 0; line < TocLinesPerPage - (index == 0 ? 2 : 0) && index < toc.Count; line++, index++)
            {
                var entry = toc[index];
                var font = entry.Level == 1 ? bold : body;
                var indent = entry.Level == 1 ? 0 : 16;
                var number = entry.Page.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var numberWidth = gfx.MeasureString(number, font).Width;
                var room = Width - (2 * Margin) - indent - numberWidth - 24;
                var title = Fit(gfx, entry.Title, font, room);
                var baseline = y + font.GetHeight();
                gfx.DrawString(title, font, XBrushes.Black, new XPoint(Margin + indent, baseline));
                gfx.DrawString(number, font, XBrushes.Black, new XPoint(Width - Margin - numberWidth, baseline));
                var start = Margin + indent + gfx.MeasureString(title, font).Width + 6;
                gfx.DrawLine(new XPen(XColors.Gray, 0.5) { DashStyle = XDashStyle.Dot }, start, baseline, Width - Margin - numberWidth - 6, baseline);
                page.AddDocumentLink(new PdfRectangle(gfx.Transformer.WorldToDefaultPage(new XRect(Margin, y, Width - (2 * Margin), font.GetHeight() * 1.2))), entry.Page);
                y += font.GetHeight() * 1.5;
            }
        }
        _ = document;
    }

    private static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }
        var cut = text;
        while (cut.Length > 1 && gfx.MeasureString(cut + "…", font).Width > width)
        {
            cut = cut[..^1];
        }
        return cut.TrimEnd() + "…";
    }

    private static IEnumerable<string> Paragraphs(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0);

    /// <summary>Breaks a paragraph into lines that fit the width; a word longer than a line is cut.</summary>
    private static IEnumerable<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (gfx.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                yield return line;
            }
            var rest = word;
            while (gfx.MeasureString(rest, font).Width > width && rest.Length > 1)
            {
                var take = rest.Length - 1;
                while (take > 1 && gfx.MeasureString(rest[..take], font).Width > width)
                {
                    take--;
                }
                yield return rest[..take];
                rest = rest[take..];
            }
            line = rest;
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
