using System.Globalization;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

[Collection("Browser")]
public sealed class MobilityJourneyTests
{
    [Fact]
    public async Task A_registered_visit_sends_its_prepare_mail_and_the_essay_stops_the_essay_reminders()
    {
        var stack = await BrowserStack.InstanceAsync();
        await stack.JourneyAsync("mobility", async () =>
        {
            var participant = Unique.Email("participant");
            var coordinator = await stack.SignInAsync(BrowserStack.CoordinatorEmail);
            var sending = await stack.PostAsync(coordinator, "/api/organisations", new { name = Unique.Name("Comune di Imola"), country = "IT", city = "Imola", kind = "municipality" });
            var host = await stack.PostAsync(coordinator, "/api/organisations", new { name = Unique.Name("Holmestrand kommune"), country = "NO", city = "Holmestrand", kind = "municipality" });
            var appToday = DateOnly.FromDateTime((await stack.GetAsync(coordinator, "/api/testing/clock")).GetProperty("now").GetDateTimeOffset().UtcDateTime);
            var start = appToday.AddDays(20);
            var end = start.AddDays(4);

            // 1. The coordinator registers the visit.
            await coordinator.GetByRole(AriaRole.Link, new() { Name = "Mobilities", Exact = true }).ClickAsync();
            await coordinator.GotoAsync("/my/mobilities/new");
            await coordinator.GetByLabel("Participant name").FillAsync("Giulia Rossi");
            await coordinator.GetByLabel("Participant e-mail").FillAsync(participant);
            await coordinator.GetByLabel("Preferred language").SelectOptionAsync("it");
            await coordinator.GetByLabel("Profession").FillAsync("Assistente sociale");
            await coordinator.GetByLabel("Home country").SelectOptionAsync("IT");
            await coordinator.GetByLabel("Sending organisation").SelectOptionAsync(sending.GetProperty("id").GetString()!);
            await coordinator.GetByLabel("Host organisation").SelectOptionAsync(host.GetProperty("id").GetString()!);
            await coordinator.GetByLabel("Start date").FillAsync(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await coordinator.GetByLabel("End date").FillAsync(end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await coordinator.GetByLabel("Host address").FillAsync("Rådhusgata 1, Holmestrand");
            await coordinator.GetByLabel("Host contact person").FillAsync("Kari Nilsen");
            await coordinator.GetByLabel("Programme").FillAsync("Monday: welcome. Tuesday to Thursday: family mediation. Friday: review.");
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Save mobility" }).ClickAsync();
            await Expect(coordinator.GetByText("Giulia Rossi").First).ToBeVisibleAsync();

            // 2. Once the clock passes the "prepare" moment, the outbox holds that reminder.
            await stack.PostAsync(coordinator, "/api/testing/clock/advance", new { days = 7 });
            await stack.PostAsync(coordinator, "/api/testing/timers/SendReminders", new { });
            var prepare = await Mail.FindAsync(stack.Azurite, participant, m => m.Category == "reminder");
            Assert.NotNull(prepare);
            Assert.Contains("Rådhusgata 1", prepare.Text, StringComparison.Ordinal);
            Assert.Contains(prepare.Attachments, a => a.FileName.EndsWith(".ics", StringComparison.Ordinal));
            Assert.True(prepare.Headers.ContainsKey("List-Unsubscribe"));

            // 3. After the visit the essay request arrives; the participant writes the essay.
            await stack.PostAsync(coordinator, "/api/testing/clock/advance", new { days = 19 });
            await stack.PostAsync(coordinator, "/api/testing/timers/SendReminders", new { });
            var request = await Mail.FindAsync(stack.Azurite, participant, m => m.Category == "reminder" && m.Text.Contains("/participants/essay?token=", StringComparison.Ordinal));
            Assert.NotNull(request);
            var link = System.Text.RegularExpressions.Regex.Match(request.Text, @"https?://\S+/participants/essay\?token=\S+").Value;
            var page = await stack.NewPageAsync(390, 844);
            await page.GotoAsync(link);
            await page.GetByLabel("Il tuo saggio").FillAsync(string.Concat(Enumerable.Repeat("Ho imparato come i centri norvegesi lavorano con le famiglie. ", 3)));
            await page.GetByLabel("Acconsento alla pubblicazione del mio saggio sul sito").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Invia il saggio" }).ClickAsync();
            await Expect(page.GetByText("Grazie, il tuo saggio è stato ricevuto.")).ToHaveCountAsync(1);
            var mailsAfterEssay = await Mail.CountAsync(stack.Azurite, participant);

            // 4. No essay reminder follows, a week and two weeks later.
            await stack.PostAsync(coordinator, "/api/testing/clock/advance", new { days = 8 });
            await stack.PostAsync(coordinator, "/api/testing/timers/SendReminders", new { });
            await stack.PostAsync(coordinator, "/api/testing/clock/advance", new { days = 7 });
            await stack.PostAsync(coordinator, "/api/testing/timers/SendReminders", new { });
            Assert.Equal(mailsAfterEssay, await Mail.CountAsync(stack.Azurite, participant));
            Assert.Empty(stack.PageErrors);
        });
    }
}
