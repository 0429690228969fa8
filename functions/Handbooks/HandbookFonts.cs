using PdfSharp.Fonts;

namespace Exchange.Handbooks;

/// <summary>
/// The one font family of the handbook PDFs, DejaVu Sans, embedded in the app: it covers Latin with
/// every accent of the UI languages, and Cyrillic, and needs no font installed on the machine.
/// PDFsharp's resolver is process-wide, so it is set once.
/// </summary>
public sealed class HandbookFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();

    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not HandbookFonts)
            {
                GlobalFontSettings.FontResolver = new HandbookFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular, false, isItalic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(HandbookFonts).Assembly.GetManifestResourceStream($"Exchange.Fonts.{faceName}.ttf");
        if (stream is null)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
