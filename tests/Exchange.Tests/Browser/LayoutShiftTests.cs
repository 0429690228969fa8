using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Tests.Api;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Exchange.Tests.Browser;

/// <summary>
/// Public pages do not jump while they load: the layout shifts Chromium reports (a <c>PerformanceObserver</c> for
/// <c>layout-shift</c>), added up from the first HTML until results and facets are in, stay at or under 0.05.
/// Every chunk and API answer is held back a little, as on a slow phone, so late content has every chance to push.
/// </summary>
[Collection("Browser")]
public sealed class LayoutShiftTests
{
    private const double MaxShift = 0.05;

    private const string Observer = """
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.hadRecentInput) continue;
            const sources = (entry.sources || []).map((s) => s.node ? `${s.node.nodeName}.${(s.node.className || '').toString().trim().replace(/\s+/g, '.')}` : '?');
            window.__shifts.push({ value: entry.value, sources: sources.join(' ') });
          }
        }).observe({ type: 'layout-shift', buffered: true });
        """;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _practiceId;

    /// <summary>A few published practices, so the catalogue has results and facets to lay out.</summary>
    private static async Task<string> PracticesAsync(BrowserStack stack)
    {
        await Gate.WaitAsync();
        try
        {
            if (_practiceId is not null)
            {
                return _practiceId;
            }
            using var factory = new ExchangeFactory();
            var coordinator = await factory.SignInAsCoordinatorAsync();
            var organisation = await factory.CreateOrganisationAsync(coordinator);
            var partner = await factory.SignInAsPartnerAsync(coordinator, organisation.Id);
            var ids = new List<string>();
            foreach (var name in new[] { "Gruppi di parola per genitori", "Centro per le famiglie aperto", "Visite domiciliari dopo la nascita" })
            {
                var input = Exchange.Tests.Api.Practices.Input(organisation.Id, Unique.Name(name));
                input["text"]!["description"] = string.Join(' ', Enumerable.Repeat("Un servizio che accompagna le famiglie nei primi anni di vita dei figli.", 6));
                ids.Add((await Exchange.Tests.Api.Practices.PublishAsync(partner, coordinator, await Exchange.Tests.Api.Practices.CreateAsync(partner, input))).Id());
            }
            // The standalone app reads the catalogue's changes from storage within a few seconds.
            using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };
            for (var i = 0; i < 50; i++)
            {
                var page = await http.GetFromJsonAsync<JsonElement>("/api/catalogue?pageSize=100");
                if (ids.All(id => page.GetProperty("items").EnumerateArray().Any(p => p.GetProperty("id").GetString() == id)))
                {
                    break;
                }
                await Task.Delay(200);
            }
            return _practiceId = ids[0];
        }
        finally
        {
            Gate.Release();
        }
    }

    public static readonly TheoryData<string, int, int> Pages = new()
    {
        { "/practices", 1366, 900 }, { "/practices", 390, 844 },
        { "/", 1366, 900 }, { "/", 390, 844 },
        { "/materials", 1366, 900 }, { "/materials", 390, 844 },
        { "/partners", 390, 844 }, { "/essays", 390, 844 }, { "/twinnings", 390, 844 },
        { "/practices/{id}", 1366, 900 }, { "/practices/{id}", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_public_page_shifts_its_layout_by_at_most_0_05_while_it_loads(string path, int width, int height)
    {
        var stack = await BrowserStack.InstanceAsync();
        var id = await PracticesAsync(stack);
        var page = await stack.NewPageAsync(width, height);
        await page.AddInitScriptAsync(Observer);
        // A slow connection: the first HTML paints, then each chunk and API answer arrives late.
        await page.RouteAsync(url => url.Contains("/api/", StringComparison.Ordinal) || url.Contains("/assets/", StringComparison.Ordinal), async route =>
        {
            await Task.Delay(route.Request.Url.Contains("/api/", StringComparison.Ordinal) ? 600 : 150);
            await route.ContinueAsync();
        });
        await page.GotoAsync(path.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal));
        if (path == "/practices")
        {
            await Assertions.Expect(page.Locator(".result-list .practice-card").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".filters .facet-count").First).ToBeAttachedAsync();
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(500);

        var shifts = await page.EvaluateAsync<JsonElement>("window.__shifts");
        var total = shifts.EnumerateArray().Sum(s => s.GetProperty("value").GetDouble());
        var detail = string.Join("; ", shifts.EnumerateArray().Select(s => $"{s.GetProperty("value").GetDouble():F3} {s.GetProperty("sources").GetString()}"));
        Assert.True(total <= MaxShift, $"{path} at {width}×{height} shifted by {total:F3} (at most {MaxShift}): {detail}");
        await page.Context.CloseAsync();
    }
}
