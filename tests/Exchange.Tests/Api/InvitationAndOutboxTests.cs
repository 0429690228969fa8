using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Common;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

public sealed class InvitationAndOutboxTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    [Fact]
    public async Task An_invited_editor_signs_in_as_a_partner_of_that_organisation()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var email = Unique.Email("editor");

        var partner = await factory.SignInAsPartnerAsync(coordinator, organisation.Id, email);

        var me = await partner.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("partner", me.GetProperty("role").GetString());
        Assert.Equal(organisation.Id, me.GetProperty("organisationId").GetString());

        // Later sign-ins go through the ordinary link and keep the organisation.
        var later = await factory.SignInAsync(email);
        var again = await later.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(organisation.Id, again.GetProperty("organisationId").GetString());

        var overview = await coordinator.GetFromJsonAsync<JsonElement>("/api/invitations");
        Assert.Contains(overview.GetProperty("editors").EnumerateArray(), e => e.GetProperty("email").GetString() == email);
    }

    [Fact]
    public async Task An_invitation_arrives_in_the_invitees_language()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var email = Unique.Email("italiano");
        (await coordinator.PostAsJsonAsync("/api/invitations", new { email, organisationId = organisation.Id, language = "it" })).EnsureSuccessStatusCode();

        var mail = await factory.NextMailAsync(email, "invitation");
        Assert.NotNull(mail);
        Assert.Contains("Sei invitato", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(organisation.Name, mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_for_an_unknown_organisation_is_refused_and_sends_nothing()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var email = Unique.Email("nobody");
        var response = await coordinator.PostAsJsonAsync("/api/invitations", new { email, organisationId = "it-does-not-exist" });
        await Problem.AssertFieldsAsync(response, "organisationId");
        Assert.Equal(0, await Mail.CountAsync(factory.Azurite, email));
    }

    [Fact]
    public async Task An_invitation_with_a_malformed_address_names_the_field()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var response = await coordinator.PostAsJsonAsync("/api/invitations", new { email = "editor at example.org", organisationId = organisation.Id });
        await Problem.AssertFieldsAsync(response, "email");
    }

    [Fact]
    public async Task The_coordinator_lists_and_opens_outbox_messages()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var email = Unique.Email("outbox");
        (await coordinator.PostAsJsonAsync("/api/invitations", new { email, organisationId = organisation.Id })).EnsureSuccessStatusCode();

        var list = await coordinator.GetFromJsonAsync<JsonElement>("/api/outbox");
        var summary = list.EnumerateArray().First(m => m.GetProperty("to").GetString() == email);
        var message = await coordinator.GetFromJsonAsync<JsonElement>($"/api/outbox/{summary.GetProperty("id").GetString()}");
        Assert.Contains("/sign-in/complete?token=", message.GetProperty("text").GetString(), StringComparison.Ordinal);

        await Problem.AssertAsync(await coordinator.GetAsync("/api/outbox/no-such-message"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await factory.CreateClient().GetAsync("/api/outbox"), HttpStatusCode.Unauthorized);
    }
}

public sealed class OutboxReadingTests(RegistryFactory factory) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task The_outbox_is_searched_by_recipient_and_subject_shows_the_html_part_framed_and_opens_the_calendar_file()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var sending = await factory.OrganisationAsync("IT");
        var host = await factory.OrganisationAsync("NO");
        var participant = Unique.Email("outbox-participant");
        await factory.RegisterAsync(sending, host, factory.Today.AddDays(10), email: participant);
        await factory.RunAsync();

        var found = await coordinator.GetFromJsonAsync<JsonElement>($"/api/outbox?q={Uri.EscapeDataString(participant.ToUpperInvariant())}");
        var summary = Assert.Single(found.EnumerateArray());
        var bySubject = await coordinator.GetFromJsonAsync<JsonElement>($"/api/outbox?q={Uri.EscapeDataString(summary.GetProperty("subject").GetString()![..12])}");
        Assert.Contains(bySubject.EnumerateArray(), m => m.GetProperty("to").GetString() == participant);
        Assert.Empty((await coordinator.GetFromJsonAsync<JsonElement>("/api/outbox?q=no-such-recipient-anywhere")).EnumerateArray());

        var id = summary.GetProperty("id").GetString();
        var message = await coordinator.GetFromJsonAsync<JsonElement>($"/api/outbox/{id}");
        var attachment = Assert.Single(message.GetProperty("attachments").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, attachment.GetProperty("content").ValueKind);

        var html = await coordinator.GetAsync($"/api/outbox/{id}/html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<p>", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ics = await coordinator.GetAsync($"/api/outbox/{id}/attachments/0");
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR", await ics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Problem.AssertAsync(await coordinator.GetAsync($"/api/outbox/{id}/attachments/5"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await factory.CreateClient().GetAsync($"/api/outbox/{id}/html"), HttpStatusCode.Unauthorized);
    }
}
