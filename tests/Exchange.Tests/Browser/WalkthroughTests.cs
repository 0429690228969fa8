using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

/// <summary>
/// The product as a new user walks it, at 1366×900 and 390×844: every page in English and Italian
/// passes axe, the menu fits, tables read, and the pages show words, not codes. One coordinator
/// session (with the CSP bypassed, so axe can run) and one set of records serve every check.
/// </summary>
[Collection("Browser")]
public sealed partial class WalkthroughTests
{
    private static readonly (int Width, int Height) Desktop = (1366, 900);
    private static readonly (int Width, int Height) Phone = (390, 844);

    private sealed record Records(
        IPage Coordinator, string OrganisationId, string OrganisationName, string PracticeId, string MaterialId, string DoneMobilityId,
        string UpcomingMobilityId, string EssayToken, string UnsubscribeToken, string OutboxId, string EditorEmail, bool InvitationLinkLogged, string PrivacyToken);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Records? _records;

    /// <summary>The records the pages show, made once through the API with the coordinator's own session.</summary>
    private static async Task<Records> RecordsAsync(BrowserStack stack)
    {
        await Gate.WaitAsync();
        try
        {
            return _records ??= await CreateAsync(stack);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Records> CreateAsync(BrowserStack stack)
    {
        var page = await stack.SignInAsync(BrowserStack.CoordinatorEmail, Desktop.Width, Desktop.Height, bypassCsp: true);
        var name = Unique.Name("Centro per le famiglie");
        var organisation = await stack.PostAsync(page, "/api/organisations",
            new { name, country = "IT", city = "Forlì", kind = "family-centre", website = "https://example.org/forli", description = "Gruppi per genitori." });
        var organisationId = organisation.GetProperty("id").GetString()!;
        var sending = await stack.PostAsync(page, "/api/organisations", new { name = Unique.Name("Holmestrand kommune"), country = "NO", city = "Holmestrand", kind = "municipality" });
        var sendingId = sending.GetProperty("id").GetString()!;
        var editorEmail = Unique.Email("walk-editor");
        await stack.PostAsync(page, "/api/invitations", new { email = editorEmail, organisationId });
        // The app's output keeps its last lines only, so the invitation link is looked for at once.
        var logged = false;
        for (var i = 0; i < 50 && !(logged = stack.App.Output.Contains($"Invitation link for {editorEmail}", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }

        var practiceInput = PracticeInput(organisationId, "Imola");
        var draft = await stack.PostAsync(page, "/api/practices", practiceInput);
        var practiceId = draft.GetProperty("id").GetString()!;
        var submitted = await stack.SendAsync(page, "POST", $"/api/practices/{practiceId}/submit", null, draft.GetProperty("etag").GetString());
        var published = await stack.SendAsync(page, "POST", $"/api/practices/{practiceId}/publish", null, submitted.GetProperty("etag").GetString());
        var revision = await stack.SendAsync(page, "PUT", $"/api/practices/{practiceId}", PracticeInput(organisationId, "Forlì"), published.GetProperty("etag").GetString());
        await stack.SendAsync(page, "PUT", $"/api/practices/{practiceId}/translations/en", new
        {
            name = "Talking groups", objectives = "Less conflict.", description = "Groups for parents.", evaluation = "Questionnaires.",
            indicators = new[] { new { name = "Families", value = "40" } },
        }, revision.GetProperty("etag").GetString());

        var material = await stack.PostAsync(page, "/api/materials", new
        {
            organisationId, language = "it", titles = new Dictionary<string, string> { ["it"] = "Guida ai gruppi", ["en"] = "A guide to the groups" },
            description = "Come avviare un gruppo.", category = "case-study", year = 2016, licence = "CC-BY-SA-4.0", relatedPractices = new[] { practiceId },
        });

        // A file, so the material is in the public library: a slot, the bytes straight to storage, the commit.
        var pdf = Documents.Pdf("Guida ai gruppi", "Come avviare un gruppo.");
        var slot = await stack.PostAsync(page, $"/api/materials/{material.GetProperty("id").GetString()}/versions/it/uploads", new { fileName = "guida.pdf", size = pdf.Length });
        var put = await page.Context.APIRequest.PutAsync(slot.GetProperty("uploadUrl").GetString()!, new APIRequestContextOptions
        {
            DataByte = pdf,
            Headers = new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob", ["Content-Type"] = "application/pdf" },
        });
        Assert.True(put.Ok, await put.TextAsync());
        await stack.PostAsync(page, slot.GetProperty("commitUrl").GetString()!, new { });

        var today = DateOnly.FromDateTime((await stack.GetAsync(page, "/api/testing/clock")).GetProperty("now").GetDateTimeOffset().UtcDateTime);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var done = await stack.PostAsync(page, "/api/mobilities", new
        {
            participantName = "Kari Nilsen", participantEmail = Unique.Email("walk-participant"), language = "it", profession = "Social worker",
            sendingOrganisationId = sendingId, hostOrganisationId = organisationId, startDate = Day(today.AddDays(-10)), endDate = Day(today.AddDays(-6)), status = "completed",
            hostAddress = "Via Roma 1, Forlì", hostContactName = "Maria Rossi", programme = "Lunedì: accoglienza.",
        });
        var doneId = done.GetProperty("id").GetString()!;
        var upcoming = await stack.PostAsync(page, "/api/mobilities", new
        {
            participantName = "Ola Berg", participantEmail = Unique.Email("walk-upcoming"), language = "en", profession = "Psychologist",
            sendingOrganisationId = sendingId, hostOrganisationId = organisationId, startDate = Day(today.AddDays(40)), endDate = Day(today.AddDays(44)), status = "confirmed",
        });
        var upcomingId = upcoming.GetProperty("id").GetString()!;
        // New dates: the first reminders show as cancelled, for a reason given in words.
        await stack.SendAsync(page, "PUT", $"/api/mobilities/{upcomingId}", new
        {
            participantName = "Ola Berg", participantEmail = upcoming.GetProperty("participantEmail").GetString(), language = "en", profession = "Psychologist",
            sendingOrganisationId = sendingId, hostOrganisationId = organisationId, startDate = Day(today.AddDays(41)), endDate = Day(today.AddDays(45)), status = "confirmed",
        }, upcoming.GetProperty("etag").GetString());

        var links = await stack.PostAsync(page, $"/api/mobilities/{doneId}/participant-links", new { });
        string Token(string url) => Uri.UnescapeDataString(TokenPattern().Match(url).Groups[1].Value);
        var essayToken = Token(links.GetProperty("essayPage").GetString()!);
        await stack.PostAsync(page, "/api/participants/essay", new { token = essayToken, text = string.Concat(Enumerable.Repeat("Ho imparato molto sui gruppi di genitori a Forlì. ", 3)), consentToPublish = true });
        await stack.PostAsync(page, $"/api/essays/review/{doneId}/publish", new { });

        var outbox = await stack.GetAsync(page, $"/api/outbox?q={Uri.EscapeDataString(editorEmail)}");
        var privacy = await stack.GetAsync(page, $"/api/participants/privacy?token={Uri.EscapeDataString(essayToken)}");
        return new Records(page, organisationId, name, practiceId, material.GetProperty("id").GetString()!, doneId, upcomingId, essayToken,
            Token(links.GetProperty("unsubscribePage").GetString()!), outbox[0].GetProperty("id").GetString()!, editorEmail, logged, Token(privacy.GetProperty("page").GetString()!));
    }

    private static object PracticeInput(string organisationId, string city) => new
    {
        organisationId, language = "it", country = "IT", city, startYear = 2015, ongoing = true,
        fields = new[] { "family-mediation" }, targetGroups = new[] { "parents" }, contactVisible = false,
        text = new
        {
            name = "Gruppi di parola " + organisationId[^6..], objectives = "Ridurre il conflitto.", description = "Gruppi per genitori separati.", evaluation = "Questionari.",
            indicators = new[] { new { name = "Famiglie", value = "40" }, new { name = "Incontri", value = "12" } },
        },
    };

    /// <summary>The page has its heading and nothing is still loading.</summary>
    private static async Task SettleAsync(IPage page)
    {
        await Expect(page.Locator("main h1")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("main [role=status].muted, main .loading")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Every_page_passes_axe_in_english_and_italian_on_a_desktop_and_a_phone()
    {
        var stack = await BrowserStack.InstanceAsync();
        await stack.JourneyAsync("axe", async () =>
        {
            var r = await RecordsAsync(stack);
            var page = r.Coordinator;
            var pages = new[]
            {
                "/", "/partners", $"/partners/{r.OrganisationId}", "/practices", $"/practices/{r.PracticeId}", "/materials", "/essays", "/sign-in", "/sign-in/complete", "/nope",
                "/my/account", "/my/practices", "/my/practices/new", $"/my/practices/{r.PracticeId}", $"/my/practices/{r.PracticeId}/review",
                "/my/materials", "/my/materials/new", $"/my/materials/{r.MaterialId}",
                "/my/mobilities", "/my/mobilities/new", $"/my/mobilities/{r.DoneMobilityId}", $"/my/mobilities/{r.UpcomingMobilityId}",
                "/admin/organisations", $"/admin/organisations/{r.OrganisationId}", "/admin/invitations", "/admin/outbox", $"/admin/outbox/{r.OutboxId}",
                "/admin/mobilities", $"/admin/essays/{r.DoneMobilityId}",
                $"/participants/essay?token={Uri.EscapeDataString(r.EssayToken)}", $"/participants/unsubscribe?token={Uri.EscapeDataString(r.UnsubscribeToken)}",
                "/admin/handbooks", "/admin/comments",
                "/privacy", "/admin/privacy", $"/privacy/mine?token={Uri.EscapeDataString(r.PrivacyToken)}", $"/privacy/erase?token={Uri.EscapeDataString(r.PrivacyToken)}",
            };
            var violations = new List<string>();

            // axe is injected once; the pages then change as in the app itself (the router, the language
            // switch, the window's size), so each scan costs the scan alone.
            await page.GotoAsync("/");
            await SettleAsync(page);
            await page.RunAxe();
            foreach (var lang in new[] { "en", "it" })
            {
                await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
                await page.Locator("#lang-select").SelectOptionAsync(lang);
                foreach (var (width, height) in new[] { Desktop, Phone })
                {
                    await page.SetViewportSizeAsync(width, height);
                    foreach (var path in pages)
                    {
                        await page.EvaluateAsync("path => { history.pushState(null, '', path); dispatchEvent(new PopStateEvent('popstate')); }", path);
                        await SettleAsync(page);
                        var found = await page.EvaluateAsync<JsonElement>(RunAxe);
                        violations.AddRange(found.EnumerateArray().Select(v =>
                            $"{lang} {width}px {path}: {v.GetProperty("id")} ({v.GetProperty("impact")}) {v.GetProperty("help")} at {string.Join(" | ", v.GetProperty("targets").EnumerateArray().Take(3))}"));
                    }
                }
            }
            await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
            await page.Locator("#lang-select").SelectOptionAsync("en");
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        });
    }

    [Fact]
    public async Task The_menu_fits_tables_read_whole_words_and_pages_speak_in_words_on_a_desktop_and_a_phone()
    {
        var stack = await BrowserStack.InstanceAsync();
        await stack.JourneyAsync("walkthrough", async () =>
        {
            var r = await RecordsAsync(stack);
            var page = r.Coordinator;
            await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

            // The coordinator's menu is one line; the administration pages open from one entry.
            await page.GotoAsync("/my/mobilities");
            await SettleAsync(page);
            var tops = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.site-nav > ul > li')].map(li => li.getBoundingClientRect().top)");
            Assert.Single(tops.Distinct());
            await page.GetByRole(AriaRole.Button, new() { Name = "Administration" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Invitations", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invitations", Level = 1 })).ToBeVisibleAsync();

            // No word breaks in a table at 1366 px.
            foreach (var path in new[] { "/my/mobilities", "/my/materials", "/admin/mobilities", "/admin/invitations" })
            {
                await page.GotoAsync(path);
                await SettleAsync(page);
                Assert.Empty(await page.EvaluateAsync<string[]>(BrokenWords));
            }

            // Codes become words: a reminder's reason, the language of a translation, reminder times in the participant's zone.
            await page.GotoAsync($"/my/mobilities/{r.UpcomingMobilityId}");
            await Expect(page.GetByText("the visit's dates changed").First).ToBeVisibleAsync();
            await Expect(page.GetByText("rescheduled", new() { Exact = true })).ToHaveCountAsync(0);
            await Expect(page.Locator("table.data").GetByText(new Regex("CES?T|GMT\\+[12]")).First).ToBeVisibleAsync();
            await page.GotoAsync($"/my/practices/{r.PracticeId}");
            await Expect(page.GetByText("Translation updated (English)")).ToBeVisibleAsync();

            // The review shows what changed since the published version, in words.
            await page.GotoAsync($"/my/practices/{r.PracticeId}/review");
            var city = page.Locator("table.diff tr", new() { HasText = "City" });
            await Expect(city.GetByText("Imola")).ToBeVisibleAsync();
            await Expect(city.GetByText("Forlì")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "As the public will see it" })).ToBeVisibleAsync();

            // Partner profile, essays, home and the material's licence and practices.
            await page.GotoAsync($"/partners/{r.OrganisationId}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = r.OrganisationName, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "https://example.org/forli" })).ToBeVisibleAsync();
            await Expect(page.GetByText("Social worker, from").First).ToBeVisibleAsync();
            await Expect(page.GetByText("Ho imparato molto").First).ToBeVisibleAsync();
            await page.GotoAsync("/essays");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = r.OrganisationName }).First).ToBeVisibleAsync();
            await page.GotoAsync("/");
            await Expect(page.GetByText("visits done")).ToBeVisibleAsync();
            await Expect(page.GetByText("will open soon")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upcoming visits" })).ToBeVisibleAsync();
            await page.GotoAsync($"/practices/{r.PracticeId}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Guida ai gruppi" })).ToBeVisibleAsync();
            await page.GotoAsync("/materials?q=" + Uri.EscapeDataString("Guida ai gruppi"));
            var card = page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Guida ai gruppi" }).First;
            await Expect(card.GetByRole(AriaRole.Link, new() { Name = "Creative Commons Attribution-ShareAlike 4.0" })).ToHaveAttributeAsync("href", "https://creativecommons.org/licenses/by-sa/4.0/");
            await Expect(card.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Gruppi di parola") })).ToBeVisibleAsync();
            await page.GotoAsync($"/my/materials/{r.MaterialId}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Italian" })).ToBeVisibleAsync();
            await Expect(page.GetByText("SHA-256")).ToHaveCountAsync(0);

            // An unknown address answers 404 with a page that helps on.
            var missing = await page.GotoAsync("/practices/does-not-exist");
            Assert.Equal(404, missing!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("not found");
            var nowhere = await page.GotoAsync("/nope");
            Assert.Equal(404, nowhere!.Status);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Search the best practices" })).ToBeVisibleAsync();

            // On a phone: a short header, a menu that opens and closes, tables as stacked cards.
            await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
            await page.GotoAsync("/my/mobilities");
            await SettleAsync(page);
            Assert.True((await page.Locator("header.site-header").BoundingBoxAsync())!.Height < 120);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Practices", Exact = true })).Not.ToBeVisibleAsync();
            var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
            await menu.ClickAsync();
            await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
            Assert.Equal("block", await page.Locator("table.data tr").First.EvaluateAsync<string>("tr => getComputedStyle(tr).display"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Practices", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Best practices", Level = 1 })).ToBeVisibleAsync();
            await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
            await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

            // The local log prints invitation links as well as sign-in links.
            Assert.True(r.InvitationLinkLogged, "The invitation link was not printed.");
            Assert.Empty(stack.PageErrors);
        });
    }

    /// <summary>Runs the axe already in the page with its default rules and returns what it found.</summary>
    private const string RunAxe = """
        async () => {
          // The outbox shows a mail's HTML part in a frame sandboxed without scripts, where axe cannot
          // run; the page around it is checked.
          const result = await window.axe.run(document, { iframes: false });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
        }
        """;

    /// <summary>Words (runs of letters and digits) of a table cell laid out over more than one line; a break at a hyphen is a fair break.</summary>
    private const string BrokenWords = """
        () => {
          const broken = [];
          for (const cell of document.querySelectorAll('table.data th, table.data td')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
              const re = /[\p{L}\p{N}]+/gu;
              let m;
              while ((m = re.exec(node.textContent))) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                if (lines.size > 1) broken.push(m[0]);
              }
            }
          }
          return broken;
        }
        """;

    [GeneratedRegex(@"token=([A-Za-z0-9_\-.%]+)")]
    private static partial Regex TokenPattern();
}
