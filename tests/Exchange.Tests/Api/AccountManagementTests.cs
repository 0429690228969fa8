using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>A coordinator keeps the editors in order: removes them, withdraws or resends invitations.</summary>
public sealed class AccountManagementTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    [Fact]
    public async Task An_editor_sees_their_organisation_and_role_and_a_removed_editor_is_signed_out_everywhere_at_once()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var email = Unique.Email("editor");
        var laptop = await factory.SignInAsPartnerAsync(coordinator, organisation.Id, email);
        var phone = await factory.SignInAsync(email);

        var me = await laptop.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(("partner", organisation.Id, organisation.Name), (me.S("role"), me.S("organisationId"), me.S("organisationName")));
        (await factory.CreateBrowserClient().PostAsJsonAsync("/api/auth/sign-in", new { email })).EnsureSuccessStatusCode();
        var unusedLink = await factory.NextMailAsync(email, "sign-in");
        Assert.NotNull(unusedLink);

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/editors/{Uri.EscapeDataString(email)}")).StatusCode);

        foreach (var session in new[] { laptop, phone })
        {
            await Problem.AssertAsync(await session.GetAsync("/api/practices"), HttpStatusCode.Unauthorized);
            Assert.False((await session.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("signedIn").GetBoolean());
        }
        await Problem.AssertAsync(await factory.CreateBrowserClient().PostAsJsonAsync("/api/auth/complete", new { token = Mail.TokenIn(unusedLink) }), HttpStatusCode.BadRequest);
        var overview = await coordinator.GetFromJsonAsync<JsonElement>("/api/invitations");
        Assert.DoesNotContain(overview.GetProperty("editors").EnumerateArray(), e => e.S("email") == email);
        await Problem.AssertAsync(await coordinator.DeleteAsync($"/api/editors/{Uri.EscapeDataString(email)}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await coordinator.DeleteAsync($"/api/editors/{Uri.EscapeDataString(factory.CoordinatorEmail)}"), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await factory.CreateBrowserClient().DeleteAsync($"/api/editors/{Uri.EscapeDataString(email)}"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_withdrawn_invitation_stops_working_and_a_resent_one_replaces_the_old_link()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var withdrawn = Unique.Email("withdrawn");
        var resent = Unique.Email("resent");
        var first = await (await coordinator.PostAsJsonAsync("/api/invitations", new { email = withdrawn, organisationId = organisation.Id })).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await coordinator.PostAsJsonAsync("/api/invitations", new { email = resent, organisationId = organisation.Id, language = "it" })).Content.ReadFromJsonAsync<JsonElement>();
        var withdrawnMail = await factory.NextMailAsync(withdrawn, "invitation");
        var oldMail = await factory.NextMailAsync(resent, "invitation");
        Assert.DoesNotContain("did not ask", withdrawnMail!.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/invitations/{first.S("id")}")).StatusCode);
        await Problem.AssertAsync(await coordinator.DeleteAsync($"/api/invitations/{first.S("id")}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await factory.CreateBrowserClient().PostAsJsonAsync("/api/auth/complete", new { token = Mail.TokenIn(withdrawnMail) }), HttpStatusCode.BadRequest);

        var renewed = await Practices.OkAsync(await coordinator.PostAsync($"/api/invitations/{second.S("id")}/resend", null));
        Assert.NotEqual(second.S("id"), renewed.S("id"));
        var newMail = await factory.NextMailAsync(resent, "invitation");
        Assert.NotNull(newMail);
        Assert.Contains("Sei invitato", newMail.Subject, StringComparison.Ordinal); // in the language first asked for
        await Problem.AssertAsync(await factory.CreateBrowserClient().PostAsJsonAsync("/api/auth/complete", new { token = Mail.TokenIn(oldMail!) }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().PostAsJsonAsync("/api/auth/complete", new { token = Mail.TokenIn(newMail) })).StatusCode);

        var pending = (await coordinator.GetFromJsonAsync<JsonElement>("/api/invitations")).GetProperty("invitations").EnumerateArray().Select(i => i.S("email")).ToList();
        Assert.DoesNotContain(withdrawn, pending);
        Assert.DoesNotContain(resent, pending);
        await Problem.AssertAsync(await coordinator.PostAsync("/api/invitations/nosuchinvitation/resend", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_missing_organisation_is_named_once_in_plain_words()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var problem = await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/invitations", new { email = Unique.Email("x"), organisationId = "" }), "organisationId");
        Assert.Single(problem.GetProperty("errors").GetProperty("organisationId").EnumerateArray());
        var practice = await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/practices", new { organisationId = "" }), 
            "organisationId", "language", "country", "city", "startYear", "fields", "targetGroups", "text");
        Assert.Single(practice.GetProperty("errors").GetProperty("organisationId").EnumerateArray());
    }
}
