using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Email;
using Exchange.Reminders;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>What a participant does with the links in their reminders, without an account.</summary>
public sealed partial class ParticipantTests(RegistryFactory factory) : IClassFixture<RegistryFactory>
{
    private const string Essay = "During the week in Holmestrand I followed two family mediation sessions and a parent group; back home we will try the same welcome meeting with new families.";

    private async Task<(HttpClient Coordinator, string Sending, string Host)> SetUpAsync()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var sending = await factory.CreateOrganisationAsync(coordinator, country: "IT");
        var host = await factory.CreateOrganisationAsync(coordinator, country: "NO");
        return (coordinator, sending.Id, host.Id);
    }

    /// <summary>Runs the reminder timer and returns the newest reminder mail of a kind to the participant.</summary>
    private async Task<OutboxMessage> ReminderMailAsync(string to, string kind)
    {
        await factory.RunAsync();
        var mail = await Mail.FindAsync(factory.Azurite, to, m => m.Category == ReminderMails.Category && m.Headers["X-Exchange-Reminder"].Contains("/" + kind + "-", StringComparison.Ordinal));
        Assert.NotNull(mail);
        return mail;
    }

    private static string Token(string url) => Uri.UnescapeDataString(TokenPattern().Match(url).Groups[1].Value);

    [GeneratedRegex(@"token=([A-Za-z0-9_\-.%]+)")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"https?://\S+/participants/essay\?token=\S+")]
    private static partial Regex EssayLink();

    [Fact]
    public async Task A_participant_writes_the_essay_from_the_link_in_the_mail_and_the_coordinator_publishes_it_with_consent()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        var email = Unique.Email("participant");
        var mobility = await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(sending, host, factory.Today.AddDays(-5), email: email, language: "en"));
        var id = mobility.S("id");
        var request = await ReminderMailAsync(email, "essay-request");
        Assert.StartsWith("Tell us about your visit", request.Subject, StringComparison.Ordinal);
        var token = Token(EssayLink().Match(request.Text).Value);
        var participant = factory.CreateClient();

        var visit = await participant.GetFromJsonAsync<JsonElement>($"/api/participants/visit?token={Uri.EscapeDataString(token)}");
        Assert.Equal((id, "Giulia Sanna", 50, 10000), (visit.S("mobilityId"), visit.S("participantName"), visit.GetProperty("essayMinLength").GetInt32(), visit.GetProperty("essayMaxLength").GetInt32()));
        Assert.Equal(JsonValueKind.Null, visit.GetProperty("essay").ValueKind);

        await Problem.AssertFieldsAsync(await participant.PostAsJsonAsync("/api/participants/essay", new { token, text = "Too short.", consentToPublish = true }), "text");
        await Problem.AssertFieldsAsync(await participant.PostAsJsonAsync("/api/participants/essay", new { token, text = new string('x', 10_001) }), "text");
        var saved = await participant.PostAsJsonAsync("/api/participants/essay", new { token, text = Essay, consentToPublish = false });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var reminders = await MobilityRequests.RemindersAsync(coordinator, id);
        Assert.Equal("sent", reminders.Single(r => r.S("kind") == "essay-request").S("status"));
        Assert.All(reminders.Where(r => r.S("kind") is "essay-reminder" or "essay-last"), r => Assert.Equal(("cancelled", "essay-submitted"), (r.S("status"), r.S("reason"))));

        var waiting = await coordinator.GetFromJsonAsync<JsonElement>("/api/essays/review");
        Assert.Contains(waiting.EnumerateArray(), e => e.S("mobilityId") == id && e.S("status") == "submitted");
        await Problem.AssertAsync(await coordinator.PostAsync($"/api/essays/review/{id}/publish", null), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, (await participant.PostAsJsonAsync("/api/participants/essay", new { token, text = Essay, consentToPublish = true })).StatusCode);
        var read = await Practices.OkAsync(await coordinator.PostAsync($"/api/essays/review/{id}/read", null));
        Assert.Equal(("read", factory.CoordinatorEmail), (read.S("status"), read.S("readBy")));
        Assert.DoesNotContain((await coordinator.GetFromJsonAsync<JsonElement>("/api/essays/review")).EnumerateArray(), e => e.S("mobilityId") == id);
        await Problem.AssertAsync(await participant.PostAsJsonAsync("/api/participants/essay", new { token, text = Essay + " More.", consentToPublish = true }), HttpStatusCode.Conflict);

        var published = await Practices.OkAsync(await coordinator.PostAsync($"/api/essays/review/{id}/publish", null));
        Assert.Equal("published", published.S("status"));
        var shown = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/essays?organisationId={host}");
        var essay = Assert.Single(shown.EnumerateArray());
        Assert.Equal((id, Essay, host), (essay.S("id"), essay.S("text"), essay.S("hostOrganisationId")));
        Assert.Empty((await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/essays?organisationId={sending}")).EnumerateArray());
        await Problem.AssertAsync(await participant.GetAsync("/api/essays/review"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_essay_opens_on_the_visits_last_day_and_an_early_one_is_refused_with_409_leaving_every_reminder_pending()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        var start = factory.Today.AddDays(7);
        var mobility = await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(sending, host, start));
        var id = mobility.S("id");
        var links = await Practices.OkAsync(await coordinator.PostAsync($"/api/mobilities/{id}/participant-links", null));
        var token = Token(links.S("essayPage"));
        var participant = factory.CreateClient();

        var visit = await participant.GetFromJsonAsync<JsonElement>($"/api/participants/visit?token={Uri.EscapeDataString(token)}");
        Assert.False(visit.GetProperty("essayOpen").GetBoolean());
        Assert.Equal(start.AddDays(4).ToString("yyyy-MM-dd"), visit.S("essayOpensOn"));

        var early = await Problem.AssertAsync(await participant.PostAsJsonAsync("/api/participants/essay", new { token, text = Essay, consentToPublish = true }), HttpStatusCode.Conflict);
        Assert.Equal("not-open", early.S("reason"));
        Assert.Contains(start.AddDays(4).ToString("yyyy-MM-dd"), early.S("detail"), StringComparison.Ordinal);
        Assert.All(await MobilityRequests.RemindersAsync(coordinator, id), r => Assert.Equal("pending", r.S("status")));
        var listed = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/mobilities?organisationId={sending}")).EnumerateArray().Single(m => m.S("id") == id);
        Assert.False(listed.GetProperty("essaySubmitted").GetBoolean());
        Assert.Null(await factory.Get<Exchange.Mobilities.EssayStore>().GetAsync(id, default));

        // On the last day, in the participant's home country, the form opens.
        factory.Clock.Advance(TimeSpan.FromDays(11) + TimeSpan.FromHours(1));
        Assert.True((await participant.GetFromJsonAsync<JsonElement>($"/api/participants/visit?token={Uri.EscapeDataString(token)}")).GetProperty("essayOpen").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await participant.PostAsJsonAsync("/api/participants/essay", new { token, text = Essay, consentToPublish = true })).StatusCode);
    }

    [Fact]
    public async Task A_tampered_link_is_refused_with_403_and_an_expired_one_with_401_each_saying_what_to_do()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        var mobility = await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(sending, host, factory.Today.AddDays(-5)));
        var links = await Practices.OkAsync(await coordinator.PostAsync($"/api/mobilities/{mobility.S("id")}/participant-links", null));
        var token = Token(links.S("essayPage"));
        var participant = factory.CreateClient();

        var tampered = token[..8] + (token[8] == 'A' ? 'B' : 'A') + token[9..];
        var invalid = await Problem.AssertAsync(await participant.GetAsync($"/api/participants/visit?token={tampered}"), HttpStatusCode.Forbidden);
        Assert.Equal("invalid", invalid.S("reason"));
        Assert.Contains("coordinator", invalid.S("detail"), StringComparison.Ordinal);
        await Problem.AssertAsync(await participant.GetAsync("/api/participants/visit"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await participant.PostAsJsonAsync("/api/participants/essay", new { token = tampered, text = Essay }), HttpStatusCode.Forbidden);
        var unsubscribeToken = Token(links.S("unsubscribePage"));
        await Problem.AssertAsync(await participant.GetAsync($"/api/participants/visit?token={unsubscribeToken}"), HttpStatusCode.Forbidden);

        factory.Clock.Advance(TimeSpan.FromDays(61));
        var expired = await Problem.AssertAsync(await participant.GetAsync($"/api/participants/visit?token={token}"), HttpStatusCode.Unauthorized);
        Assert.Equal("expired", expired.S("reason"));
        Assert.Contains("new link", expired.S("detail"), StringComparison.Ordinal);
        await Problem.AssertAsync(await participant.PostAsJsonAsync("/api/participants/essay", new { token, text = Essay }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task One_click_unsubscribe_from_the_mail_header_works_without_cookies_stops_reminders_and_can_be_undone()
    {
        var (coordinator, sending, host) = await SetUpAsync();
        var email = Unique.Email("participant");
        var mobility = await MobilityRequests.CreateAsync(coordinator, MobilityRequests.Input(sending, host, factory.Today.AddDays(6), email: email));
        var id = mobility.S("id");
        var prepare = await ReminderMailAsync(email, "prepare");
        Assert.Equal("List-Unsubscribe=One-Click", prepare.Headers["List-Unsubscribe-Post"]);
        var oneClick = new Uri(prepare.Headers["List-Unsubscribe"].Trim('<', '>'));
        Assert.Equal("/api/participants/unsubscribe", oneClick.AbsolutePath);
        Assert.Contains("/participants/unsubscribe?token=", prepare.Text, StringComparison.Ordinal);
        Assert.Equal("visit.ics", Assert.Single(prepare.Attachments).FileName);

        // A mail provider: no cookies, no Origin, a form body as RFC 8058 prescribes. A GET never unsubscribes.
        var provider = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        Assert.NotEqual(HttpStatusCode.OK, (await provider.GetAsync(oneClick.PathAndQuery)).StatusCode);
        Assert.Contains(await MobilityRequests.RemindersAsync(coordinator, id), r => r.S("status") == "pending");
        var response = await provider.PostAsync(oneClick.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var body = await Practices.OkAsync(response);
        Assert.True(body.GetProperty("unsubscribed").GetBoolean());

        var reminders = await MobilityRequests.RemindersAsync(coordinator, id);
        Assert.Equal(4, reminders.Count(r => (r.S("status"), r.GetProperty("reason").GetString()) == ("cancelled", "unsubscribed")));
        Assert.True((await coordinator.GetFromJsonAsync<JsonElement>($"/api/mobilities/{id}")).GetProperty("unsubscribed").GetBoolean());
        var sent = await Mail.CountAsync(factory.Azurite, email);
        factory.Clock.Advance(TimeSpan.FromDays(7)); // past the short reminder's moment and the start of the visit
        await factory.RunAsync();
        Assert.Equal(sent, await Mail.CountAsync(factory.Azurite, email));
        coordinator = await factory.SignInAsCoordinatorAsync(); // the session ran out as the clock moved

        var token = Token(oneClick.Query);
        var page = await provider.GetFromJsonAsync<JsonElement>($"/api/participants/subscription?token={token}");
        Assert.True(page.GetProperty("unsubscribed").GetBoolean());
        var undone = await Practices.OkAsync(await provider.PostAsync($"/api/participants/resubscribe?token={token}", null));
        Assert.False(undone.GetProperty("unsubscribed").GetBoolean());
        reminders = await MobilityRequests.RemindersAsync(coordinator, id);
        Assert.Equal(3, reminders.Count(r => r.S("status") == "pending")); // the visit started while they were stopped
        Assert.Equal("cancelled", reminders.Single(r => r.S("kind") == "soon").S("status"));
    }
}
