using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

/// <summary>
/// An open-data user goes from the catalogue's open-data section to the API reference and reads an
/// operation there. The page runs under its own Content-Security-Policy (its one inline script allowed
/// by hash), so a script it loads but the policy blocks would leave it blank: the test reads what it shows.
/// </summary>
[Collection("Browser")]
public sealed class ApiReferenceJourneyTests
{
    [Fact]
    public async Task An_open_data_user_follows_the_catalogue_link_to_the_API_reference_and_reads_an_operation()
    {
        var stack = await BrowserStack.InstanceAsync();
        var page = await stack.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };
        var errorsBefore = stack.PageErrors.Count;

        await stack.JourneyAsync("api-reference", async () =>
        {
            await page.GotoAsync("/practices");
            var openData = page.GetByRole(AriaRole.Region, new() { Name = "Open data" });
            await openData.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
            await page.WaitForURLAsync("**/api/reference/**");

            // Scalar has read /api/openapi.json and lists its operations by area, with the summaries the API gives them.
            var sidebar = page.GetByRole(AriaRole.Complementary, new() { Name = "Sidebar for Exchange API" });
            await sidebar.GetByRole(AriaRole.Button, new() { Name = "Open Group - Practices" }).ClickAsync(new() { Timeout = 30_000 });
            await sidebar.GetByRole(AriaRole.Link, new() { Name = "One practice's working revision, for its editor." }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "One practice's working revision, for its editor." })).ToBeVisibleAsync();

            // Only what an open-data reader needs: no AI chat or SDK buttons that would call other services.
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ask AI" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate SDK" })).ToHaveCountAsync(0);
        });

        Assert.Empty(blocked);
        Assert.Equal(errorsBefore, stack.PageErrors.Count);
    }
}
