using System.Globalization;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

[Collection("Browser")]
public sealed class TwinningJourneyTests
{
    private static async Task<IPage> AcceptInvitationAsync(BrowserStack stack, string email, int width = 1280, int height = 900)
    {
        var mail = await Mail.FindAsync(stack.Azurite, email, m => m.Category == "invitation") ?? throw new InvalidOperationException($"No invitation for {email}.");
        var page = await stack.NewPageAsync(width, height);
        await page.GotoAsync(Mail.LinkIn(mail));
        // Signed in: the button is in the header, behind the Menu button on a phone.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", IncludeHidden = true })).ToBeAttachedAsync();
        return page;
    }

    [Fact]
    public async Task A_learners_people_registered_for_a_meeting_get_its_reminder_and_visitors_read_the_mentors_update_and_the_learners_outcome()
    {
        var stack = await BrowserStack.InstanceAsync();
        await stack.JourneyAsync("twinning", async () =>
        {
            var coordinator = await stack.SignInAsync(BrowserStack.CoordinatorEmail);
            var mentorName = Unique.Name("Centro per le famiglie di Rimini");
            var learnerName = Unique.Name("Centro per le famiglie di Genova");
            var mentor = await stack.CreateOrganisationAsync(coordinator, mentorName, "IT", "Rimini", "family-centre");
            var learner = await stack.CreateOrganisationAsync(coordinator, learnerName, "IT", "Genova", "family-centre");
            var appToday = DateOnly.FromDateTime((await stack.GetAsync(coordinator, "/api/testing/clock")).GetProperty("now").GetDateTimeOffset().UtcDateTime);
            var first = appToday.AddDays(10);
            string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            // 1. The coordinator creates the twinning, then an in-person meeting.
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Administration" }).ClickAsync();
            await coordinator.GetByRole(AriaRole.Link, new() { Name = "My twinnings" }).ClickAsync();
            await coordinator.GetByRole(AriaRole.Link, new() { Name = "New twinning" }).ClickAsync();
            await coordinator.GetByLabel("Title in English").FillAsync("Family mediation from Rimini");
            await coordinator.GetByLabel("Description in English").FillAsync("The Rimini centre shows how it runs family mediation.");
            await coordinator.GetByLabel("Title in Italian").FillAsync("Mediazione familiare da Rimini");
            await coordinator.GetByLabel("Service").SelectOptionAsync("family-mediation");
            await coordinator.GetByLabel("Status").SelectOptionAsync("running");
            await coordinator.GetByLabel("Regions and countries").FillAsync("Emilia-Romagna, Liguria");
            await coordinator.GetByLabel("Mentor centre").SelectOptionAsync(mentor);
            await coordinator.GetByLabel(learnerName).CheckAsync();
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Add a phase" }).ClickAsync();
            await coordinator.GetByLabel("Name of phase 1").FillAsync("Information-and-training meeting");
            await coordinator.GetByLabel("Planned start of phase 1").FillAsync(Day(first));
            await coordinator.GetByLabel("Planned end of phase 1").FillAsync(Day(first.AddDays(1)));
            await Axe.AssertNoViolationsAsync(coordinator, "new twinning form");
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Create the twinning" }).ClickAsync();
            await Expect(coordinator.GetByText("The twinning is created.")).ToBeVisibleAsync();
            var id = coordinator.Url.Split('/').Last();

            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Add a meeting" }).ClickAsync();
            await coordinator.GetByLabel("Title of the meeting").FillAsync("Information-and-training meeting in Rimini");
            await coordinator.GetByLabel("Host centre").SelectOptionAsync(mentor);
            await coordinator.GetByLabel("Address").FillAsync("Via Dario Campana 64");
            await coordinator.GetByLabel("City").FillAsync("Rimini");
            await coordinator.GetByLabel("First day").FillAsync(Day(first));
            await coordinator.GetByLabel("Last day").FillAsync(Day(first.AddDays(1)));
            await coordinator.GetByLabel("Seats", new() { Exact = true }).FillAsync("10");
            await Axe.AssertNoViolationsAsync(coordinator, "meeting form");
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Create the meeting" }).ClickAsync();
            await Expect(coordinator.GetByText("The meeting is saved.", new() { Exact = false })).ToBeVisibleAsync();

            // 2. The learner's editor registers two people, on a phone, submitting with the keyboard.
            var learnerEditor = await stack.InvitePartnerAsync(coordinator, learner, Unique.Email("learner-editor"), 390, 844);
            var giulia = Unique.Email("giulia");
            var anna = Unique.Email("anna");
            await learnerEditor.GotoAsync($"/my/twinnings/{id}");
            await learnerEditor.GetByText("Register people for “Information-and-training meeting in Rimini”").ClickAsync();
            await learnerEditor.GetByLabel("Name of person 1").FillAsync("Giulia Sanna");
            await learnerEditor.GetByLabel("Role of person 1").FillAsync("Mediatrice familiare");
            await learnerEditor.GetByLabel("E-mail of person 1").FillAsync(giulia);
            await learnerEditor.GetByLabel("Language for e-mails of person 1").SelectOptionAsync("it");
            await learnerEditor.GetByRole(AriaRole.Button, new() { Name = "Add a person" }).ClickAsync();
            await learnerEditor.GetByLabel("Name of person 2").FillAsync("Anna Rossi");
            await learnerEditor.GetByLabel("E-mail of person 2").FillAsync(anna);
            await learnerEditor.GetByLabel("Language for e-mails of person 2").SelectOptionAsync("en");
            await learnerEditor.GetByLabel("Role of person 2").FillAsync("Social worker");
            await learnerEditor.Keyboard.PressAsync("Enter");
            await Expect(learnerEditor.GetByText("2 registered.", new() { Exact = false })).ToBeVisibleAsync();
            await Axe.AssertNoViolationsAsync(learnerEditor, "workspace");

            // Editors for after the clock has moved, invited now: sessions last hours, invitations a week, and
            // no mail to the shared coordinator address may carry a moved clock's time (other journeys read theirs by time).
            var mentorEmail = Unique.Email("mentor-editor");
            var laterLearnerEmail = Unique.Email("learner-editor");
            await stack.PostAsync(coordinator, "/api/invitations", new { email = mentorEmail, organisationId = mentor });
            await stack.PostAsync(coordinator, "/api/invitations", new { email = laterLearnerEmail, organisationId = learner });

            // 3. The clock passes the week-before moment: the reminder with the calendar file is in the outbox.
            await stack.PostAsync(coordinator, "/api/testing/timers/SendReminders", new { });
            await stack.PostAsync(coordinator, "/api/testing/clock/advance", new { days = 4 });
            await stack.PostAsync(coordinator, "/api/testing/timers/SendReminders", new { });
            var weekBefore = await Mail.FindAsync(stack.Azurite, giulia, m => m.Category == "reminder" && m.Subject.StartsWith("Tra una settimana", StringComparison.Ordinal));
            Assert.NotNull(weekBefore);
            Assert.Contains("Via Dario Campana 64", weekBefore.Text, StringComparison.Ordinal);
            Assert.Contains(weekBefore.Attachments, a => a.FileName == "meeting.ics" && a.ContentType.StartsWith("text/calendar", StringComparison.Ordinal));
            Assert.True(weekBefore.Headers.ContainsKey("List-Unsubscribe"));
            Assert.NotNull(await Mail.FindAsync(stack.Azurite, anna, m => m.Category == "reminder" && m.Subject.StartsWith("In a week", StringComparison.Ordinal)));
            Assert.NotNull(await Mail.FindAsync(stack.Azurite, anna, m => m.Category == "reminder" && m.Subject.StartsWith("Registered:", StringComparison.Ordinal)));

            // 4. The mentor posts an update in Italian and translates it; a visitor reads it in both languages.
            var mentorEditor = await AcceptInvitationAsync(stack, mentorEmail);
            await mentorEditor.GotoAsync($"/my/twinnings/{id}");
            await mentorEditor.GetByRole(AriaRole.Button, new() { Name = "Post an update" }).ClickAsync();
            await mentorEditor.Locator("#up-language").SelectOptionAsync("it");
            await mentorEditor.GetByLabel("Title", new() { Exact = true }).FillAsync("Gli incontri continueranno");
            await mentorEditor.GetByLabel("Text", new() { Exact = true }).FillAsync("Gli incontri continueranno nei prossimi mesi.");
            await mentorEditor.GetByRole(AriaRole.Button, new() { Name = "Post the update" }).ClickAsync();
            await Expect(mentorEditor.GetByText("The update is saved.")).ToBeVisibleAsync();
            await mentorEditor.GetByRole(AriaRole.Button, new() { Name = "Translate “Gli incontri continueranno”" }).ClickAsync();
            await mentorEditor.GetByLabel("Language of the translation").SelectOptionAsync("en");
            await mentorEditor.GetByLabel("Title", new() { Exact = true }).FillAsync("The meetings will continue");
            await mentorEditor.GetByLabel("Text", new() { Exact = true }).FillAsync("The meetings will continue in the coming months.");
            await mentorEditor.GetByRole(AriaRole.Button, new() { Name = "Save the translation" }).ClickAsync();
            await Expect(mentorEditor.GetByText("The translation is saved.")).ToBeVisibleAsync();
            await Axe.AssertNoViolationsAsync(mentorEditor, "mentor's workspace");

            var visitor = await stack.NewPageAsync(390, 844);
            await visitor.GotoAsync($"/twinnings/{id}");
            await Expect(visitor.GetByText("The meetings will continue in the coming months.")).ToBeVisibleAsync();
            // On a phone the language picker sits in the menu.
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
            await visitor.GetByLabel("Language").SelectOptionAsync("it");
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Mediazione familiare da Rimini" })).ToBeVisibleAsync();
            await Expect(visitor.GetByText("Gli incontri continueranno nei prossimi mesi.")).ToBeVisibleAsync();
            await Axe.AssertNoViolationsAsync(visitor, "twinning page in Italian");
            if (!await visitor.GetByLabel("Lingua").IsVisibleAsync())
            {
                await visitor.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
            }
            await visitor.GetByLabel("Lingua").SelectOptionAsync("en");
            await Expect(visitor.GetByText("The meetings will continue in the coming months.")).ToBeVisibleAsync();

            // 5. The learner records its outcome, and the public page shows it.
            learnerEditor = await AcceptInvitationAsync(stack, laterLearnerEmail, 390, 844);
            await learnerEditor.GotoAsync($"/my/twinnings/{id}");
            await learnerEditor.GetByLabel("The practice was").SelectOptionAsync("adapted");
            await learnerEditor.Locator("#oc-language").SelectOptionAsync("en");
            await learnerEditor.GetByLabel("What was adopted or adapted").FillAsync("Mediation sessions for separating parents, with a shorter first interview.");
            await learnerEditor.GetByLabel("What the centre started").FillAsync("A weekly mediation desk.");
            await learnerEditor.GetByLabel("First results").FillAsync("Twelve families met in the first three months.");
            await learnerEditor.GetByRole(AriaRole.Button, new() { Name = "Add an indicator" }).ClickAsync();
            await learnerEditor.GetByLabel("Indicator 1", new() { Exact = true }).FillAsync("Families reached");
            await learnerEditor.GetByLabel("Value of indicator 1").FillAsync("12");
            await learnerEditor.GetByRole(AriaRole.Button, new() { Name = "Save the outcome" }).ClickAsync();
            await Expect(learnerEditor.GetByText("The outcome is saved", new() { Exact = false })).ToBeVisibleAsync();

            await visitor.ReloadAsync();
            await Expect(visitor.GetByText("Twelve families met in the first three months.")).ToBeVisibleAsync();
            await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = learnerName }).First).ToHaveAttributeAsync("href", $"/partners/{learner}");
            await Axe.AssertNoViolationsAsync(visitor, "twinning page");
            await visitor.GotoAsync("/twinnings");
            await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Family mediation from Rimini" })).ToBeVisibleAsync();
            await Axe.AssertNoViolationsAsync(visitor, "twinnings list");
            Assert.Empty(stack.PageErrors);
        });
    }
}
