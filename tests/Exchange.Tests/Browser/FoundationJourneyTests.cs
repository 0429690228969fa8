using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Browser;

[Collection("Browser")]
public sealed partial class FoundationJourneyTests
{
    [Fact]
    public async Task Coordinator_signs_in_from_the_outbox_adds_a_partner_invites_an_editor_and_visitors_see_it_in_both_languages()
    {
        var stack = await BrowserStack.InstanceAsync();
        var organisationName = Unique.Name("Centro per le famiglie di Forlì");
        var editorEmail = Unique.Email("editor");

        // 1. The coordinator asks for a link and follows it from the outbox.
        var coordinator = await stack.NewPageAsync();
        await coordinator.GotoAsync("/sign-in");
        await coordinator.GetByLabel("E-mail address").FillAsync(BrowserStack.CoordinatorEmail);
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Send sign-in link" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = SignInLinkSent() })).ToBeVisibleAsync();
        var signInMail = await stack.NextMailAsync(BrowserStack.CoordinatorEmail, "sign-in");
        Assert.NotNull(signInMail);
        await coordinator.GotoAsync(Mail.LinkIn(signInMail));
        await Expect(coordinator.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // 2. The coordinator creates an organisation.
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Administration" }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Organisations", Exact = true }).ClickAsync();
        await coordinator.GetByLabel("Name", new() { Exact = true }).FillAsync(organisationName);
        await coordinator.GetByLabel("Country").SelectOptionAsync("IT");
        await coordinator.GetByLabel("City").FillAsync("Forlì");
        await coordinator.GetByLabel("Kind").SelectOptionAsync("family-centre");
        await coordinator.GetByLabel("Website").FillAsync("https://example.org/forli");
        await coordinator.GetByLabel("Description").FillAsync("Family centre offering parent groups.");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Save organisation" }).ClickAsync();
        await Expect(coordinator.GetByText(organisationName).First).ToBeVisibleAsync();

        // ... and invites an editor, whose invitation waits in the outbox.
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Administration" }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Invitations", Exact = true }).ClickAsync();
        await coordinator.GetByLabel("E-mail address").FillAsync(editorEmail);
        await coordinator.GetByLabel("Organisation").SelectOptionAsync(new SelectOptionValue { Label = organisationName });
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(coordinator.GetByText(editorEmail).First).ToBeVisibleAsync();

        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Administration" }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Outbox", Exact = true }).ClickAsync();
        await coordinator.Locator("tr", new() { HasText = editorEmail }).GetByRole(AriaRole.Link).First.ClickAsync();
        var inviteLink = coordinator.Locator("main a[href*='/sign-in/complete?token=']");
        await Expect(inviteLink).ToBeVisibleAsync();
        var href = await inviteLink.GetAttributeAsync("href");

        // The editor opens the invitation in their own browser and is signed in.
        var editor = await stack.NewPageAsync();
        await editor.GotoAsync(href!);
        await Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(editor.GetByRole(AriaRole.Link, new() { Name = "Outbox", Exact = true })).ToHaveCountAsync(0);

        // 3. A visitor, on a phone, finds the organisation in English and then in Italian.
        var visitor = await stack.NewPageAsync(390, 844);
        await visitor.GotoAsync("/partners");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Partners", Level = 1 })).ToBeVisibleAsync();
        var card = visitor.GetByRole(AriaRole.Article).Filter(new() { Has = visitor.GetByRole(AriaRole.Heading, new() { Name = organisationName }) });
        await Expect(card).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Italy" })).ToBeVisibleAsync();

        await visitor.GetByLabel("Language").SelectOptionAsync("it");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "I partner", Level = 1 })).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Italia" })).ToBeVisibleAsync();
        await Expect(card).ToBeVisibleAsync();
        await Expect(visitor.Locator("html")).ToHaveAttributeAsync("lang", "it");

        Assert.Empty(stack.PageErrors);
    }

    [GeneratedRegex("sign-in link|15 minutes", RegexOptions.IgnoreCase)]
    private static partial Regex SignInLinkSent();
}
