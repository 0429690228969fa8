using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Exchange.Tests.Infrastructure;

/// <summary>The journeys' accessibility check: axe-core on the page as it stands.</summary>
public static class Axe
{
    /// <summary>Fails naming each rule the page breaks, with the elements that break it.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        Assert.True(result.Violations.Length == 0,
            $"{what}: " + string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
