using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Exchange.Site;

/// <summary>A language version of a page, for <c>&lt;link rel="alternate" hreflang&gt;</c>.</summary>
public sealed record PageAlternate(string Language, Uri Url);

/// <summary>
/// What the first HTML of a record's page says before any script runs: its title and description
/// for search engines, and the Open Graph and Twitter card tags a chat or mail preview reads.
/// </summary>
public sealed partial record PageHead(string Title, string Description, string? Language, Uri Url, IReadOnlyList<PageAlternate> Alternates)
{
    private const string SiteName = "Exchange";

    /// <summary>Every value is HTML-encoded; non-ASCII letters stay as they are, so previews read "Città", not entities.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The longest description kept; previews cut shorter anyway.</summary>
    public const int MaxDescription = 200;

    /// <summary>A record's text made fit for a one-line description: whitespace folded, cut at a word.</summary>
    public static string Summarise(string text)
    {
        var flat = Whitespace().Replace(text, " ").Trim();
        if (flat.Length <= MaxDescription)
        {
            return flat;
        }
        var cut = flat[..MaxDescription];
        var space = cut.LastIndexOf(' ');
        return (space > MaxDescription / 2 ? cut[..space] : cut).TrimEnd(',', ';', ':', '.', ' ') + "…";
    }

    /// <summary>The app shell with this page's head: title, description, canonical address, alternates, Open Graph and Twitter tags, and the heading.</summary>
    public string ApplyTo(string shell)
    {
        var title = Encoder.Encode($"{Title} · {SiteName}");
        var description = Encoder.Encode(Description);
        var html = TitleElement().Replace(shell, $"<title>{title}</title>", 1);
        html = DescriptionMeta().Replace(html, $"<meta name=\"description\" content=\"{description}\">", 1);
        var lang = Language is null ? "" : $" lang=\"{Encoder.Encode(Language)}\"";
        html = Heading().Replace(html, $"<h1{lang}>{Encoder.Encode(Title)}</h1>", 1);

        var tags = new List<string>
        {
            $"<link rel=\"canonical\" href=\"{Encoder.Encode(Url.AbsoluteUri)}\">",
            "<meta property=\"og:type\" content=\"article\">",
            $"<meta property=\"og:site_name\" content=\"{SiteName}\">",
            $"<meta property=\"og:title\" content=\"{Encoder.Encode(Title)}\">",
            $"<meta property=\"og:description\" content=\"{description}\">",
            $"<meta property=\"og:url\" content=\"{Encoder.Encode(Url.AbsoluteUri)}\">",
            "<meta name=\"twitter:card\" content=\"summary\">",
            $"<meta name=\"twitter:title\" content=\"{Encoder.Encode(Title)}\">",
            $"<meta name=\"twitter:description\" content=\"{description}\">",
        };
        if (Language is not null)
        {
            tags.Add($"<meta property=\"og:locale\" content=\"{Encoder.Encode(Language)}\">");
        }
        tags.AddRange(Alternates.Select(a => $"<link rel=\"alternate\" hreflang=\"{Encoder.Encode(a.Language)}\" href=\"{Encoder.Encode(a.Url.AbsoluteUri)}\">"));
        var index = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        return index < 0 ? html : html.Insert(index, string.Join("\n    ", tags) + "\n  ");
    }

    /// <summary>The shell of an address that leads nowhere: its title says so before the app does.</summary>
    public static string NotFound(string shell) =>
        TitleElement().Replace(shell, $"<title>Page not found · {SiteName}</title>", 1);

    [GeneratedRegex(@"<title>[^<]*</title>")]
    private static partial Regex TitleElement();

    [GeneratedRegex(@"<meta name=""description"" content=""[^""]*"">")]
    private static partial Regex DescriptionMeta();

    [GeneratedRegex(@"<h1(?: [^>]*)?>[^<]*</h1>")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
