using System.Net;
using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>What a page says before any script runs: what a search engine, a link preview or a slow phone sees.</summary>
public sealed partial class FirstHtmlTests
{
    [Theory]
    [InlineData("/", "Sharing what works for families")]
    [InlineData("/practices", "Best practices")]
    [InlineData("/materials", "Materials")]
    [InlineData("/partners", "Partners")]
    [InlineData("/essays", "Essays from visits")]
    [InlineData("/twinnings", "Twinnings between family centres")]
    [InlineData("/privacy", "Privacy")]
    public async Task A_public_page_arrives_with_its_own_title_description_heading_and_main_landmark(string path, string title)
    {
        var stack = await BrowserStack.InstanceAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };
        var html = await http.GetStringAsync(path);
        Assert.Contains($"<title>{title} · Exchange</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Matches(@"<main id=""main""[^>]*>", html);
        var description = DescriptionOf(html);
        Assert.True(description.Length > 40, $"A real description, not '{description}'.");
    }

    [Fact]
    public async Task A_practices_address_read_without_javascript_names_the_practice_in_escaped_title_and_preview_tags()
    {
        var stack = await BrowserStack.InstanceAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };
        using var factory = new ExchangeFactory();
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var partner = await factory.SignInAsPartnerAsync(coordinator, organisation.Id);
        var name = Unique.Name("Genitori <b>insieme</b> \"sempre\" & ovunque");
        var input = Practices.Input(organisation.Id, name);
        input["text"]!["objectives"] = "Ridurre il conflitto <script>alert(1)</script> tra \"genitori\" & figli.";
        var practice = await Practices.PublishAsync(partner, coordinator, await Practices.CreateAsync(partner, input));

        // The standalone app learns of the publication from the catalogue's version marker, every 2 seconds;
        // on a loaded CI machine its refresh can lag well behind that.
        var address = $"/practices/{practice.Id()}";
        var response = await http.GetAsync(address);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (response.StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            response = await http.GetAsync(address);
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        var escapedName = name.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
        Assert.Contains($"<title>{escapedName} · Exchange</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1 lang=\"it\">{escapedName}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:title\" content=\"{escapedName}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<meta name=\"twitter:title\" content=\"{escapedName}\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary\">", html, StringComparison.Ordinal);
        var summary = "Ridurre il conflitto &lt;script&gt;alert(1)&lt;/script&gt; tra &quot;genitori&quot; &amp; figli.";
        Assert.Equal(summary, DescriptionOf(html));
        Assert.Contains($"<meta property=\"og:description\" content=\"{summary}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:url\" content=\"{stack.BaseUrl}{address}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"alternate\" hreflang=\"it\" href=\"{stack.BaseUrl}{address}?lang=it\">", html, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"alternate\" hreflang=\"x-default\" href=\"{stack.BaseUrl}{address}\">", html, StringComparison.Ordinal);
        // Nothing of the record's text reaches the page unescaped.
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Single(TitleElement().Matches(html));

        // Behind Static Web Apps the same head comes from /api/site/page, which reads the original address.
        var behindSwa = new HttpRequestMessage(HttpMethod.Get, "/api/site/page");
        behindSwa.Headers.Add("x-ms-original-url", $"{stack.BaseUrl}{address}?lang=it");
        var rewritten = await http.SendAsync(behindSwa);
        Assert.Equal(HttpStatusCode.OK, rewritten.StatusCode);
        Assert.Contains($"<meta property=\"og:title\" content=\"{escapedName}\">", await rewritten.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string DescriptionOf(string html) => DescriptionMeta().Match(html).Groups[1].Value;

    [GeneratedRegex(@"<meta name=""description"" content=""([^""]*)"">")]
    private static partial Regex DescriptionMeta();

    [GeneratedRegex("<title>")]
    private static partial Regex TitleElement();
}
