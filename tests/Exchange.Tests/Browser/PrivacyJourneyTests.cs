using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

[Collection("Browser")]
public sealed partial class PrivacyJourneyTests
{
    [GeneratedRegex(@"https?://\S+/privacy/erase\?token=\S+")]
    private static partial Regex ErasureLink();

    [Fact]
    public async Task A_participant_downloads_their_data_then_erases_it_from_the_mail_and_the_visit_stays_counted_without_a_name()
    {
        var stack = await BrowserStack.InstanceAsync();
        await stack.JourneyAsync("privacy", async () =>
        {
            var email = Unique.Email("privacy-participant");
            var name = Unique.Name("Ingrid");
            var coordinator = await stack.SignInAsync(BrowserStack.CoordinatorEmail);
            var sending = await stack.PostAsync(coordinator, "/api/organisations", new { name = Unique.Name("Holmestrand kommune"), country = "NO", city = "Holmestrand", kind = "municipality" });
            var hostName = Unique.Name("Centro per le famiglie");
            var host = await stack.PostAsync(coordinator, "/api/organisations", new { name = hostName, country = "IT", city = "Forlì", kind = "family-centre" });
            var today = DateOnly.FromDateTime((await stack.GetAsync(coordinator, "/api/testing/clock")).GetProperty("now").GetDateTimeOffset().UtcDateTime);
            string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var visit = await stack.PostAsync(coordinator, "/api/mobilities", new
            {
                participantName = name, participantEmail = email, language = "en", profession = "Family mediator",
                sendingOrganisationId = sending.GetProperty("id").GetString(), hostOrganisationId = host.GetProperty("id").GetString(),
                startDate = Day(today.AddDays(-10)), endDate = Day(today.AddDays(-6)), status = "completed",
            });
            var id = visit.GetProperty("id").GetString()!;
            var links = await stack.PostAsync(coordinator, $"/api/mobilities/{id}/participant-links", new { });

            // 1. From the essay link, the participant reaches their data and downloads it.
            var page = await stack.NewPageAsync(390, 844);
            await page.GotoAsync(links.GetProperty("essayPage").GetString()!);
            await page.GetByRole(AriaRole.Button, new() { Name = "Your data: download or erase it" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your data", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByText($"This link is for {email}.")).ToBeVisibleAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download your data (ZIP)" }).ClickAsync());
            await using (var zip = new ZipArchive(File.OpenRead(await download.PathAsync())))
            {
                using var reader = new StreamReader(zip.GetEntry("summary.html")!.Open());
                var summary = await reader.ReadToEndAsync();
                Assert.Contains(name, summary, StringComparison.Ordinal);
                Assert.Contains("Family mediator", summary, StringComparison.Ordinal);
                Assert.NotNull(zip.GetEntry("personal-data.json"));
            }

            // 2. They ask for erasure and confirm it from the mail.
            await page.GetByRole(AriaRole.Button, new() { Name = "Ask for erasure" }).ClickAsync();
            await Expect(page.GetByText("We sent a mail to your address.")).ToBeVisibleAsync();
            var mail = await Mail.FindAsync(stack.Azurite, email, m => m.Category == "erasure");
            Assert.NotNull(mail);
            await page.GotoAsync(ErasureLink().Match(mail.Text).Value);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm the erasure", Level = 1 })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Erase my data" }).ClickAsync();
            await Expect(page.GetByText("Your data has been erased.")).ToBeVisibleAsync();
            Assert.Equal(0, await Mail.CountAsync(stack.Azurite, email));

            // 3. The coordinator still counts the visit, without a name.
            await coordinator.GotoAsync($"/my/mobilities/{id}");
            await Expect(coordinator.GetByText("(erased)").First).ToBeVisibleAsync();
            await Expect(coordinator.GetByText(name)).ToHaveCountAsync(0);
            await coordinator.GotoAsync("/admin/mobilities");
            var row = coordinator.GetByRole(AriaRole.Row).Filter(new() { HasText = hostName });
            await Expect(row.GetByText("1 hosted and 0 planned", new() { Exact = false })).ToBeVisibleAsync();
            await Expect(coordinator.GetByText(name)).ToHaveCountAsync(0);

            // 4. The privacy page, linked from every footer, shows the configured periods.
            await coordinator.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync();
            await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Privacy", Level = 1 })).ToBeVisibleAsync();
            await Expect(coordinator.GetByText("Copies of mail: 60 days.")).ToBeVisibleAsync();
            await Expect(coordinator.GetByText("The log of a participant's reminders: 365 days after the visit.")).ToBeVisibleAsync();
            await coordinator.EvaluateAsync("() => localStorage.setItem('exchange.lang', 'it')");
            await coordinator.ReloadAsync();
            await Expect(coordinator.GetByText("Copie delle e-mail: 60 giorni.")).ToBeVisibleAsync();
            await coordinator.EvaluateAsync("() => localStorage.setItem('exchange.lang', 'en')");
            Assert.Empty(stack.PageErrors);
        });
    }
}
