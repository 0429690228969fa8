using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Accounts;
using Exchange.Audit;
using Exchange.Hosting;
using Exchange.Mobilities;
using Exchange.Privacy;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>The app on its own Azurite and clock, with a retention period changed from its default.</summary>
public sealed class PrivacyFactory() : ReminderFactory(DateTimeOffset.UtcNow, new Dictionary<string, string?> { ["Privacy:Retention:OutboxCopies"] = "45.00:00:00" })
{
    public async Task ApplyRetentionAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApplyRetention>().RunAsync(new TimerRun(Clock.GetUtcNow(), false, "test"), default);
    }
}

/// <summary>Access, erasure, retention and the audit log, against real storage.</summary>
public sealed partial class PrivacyTests(PrivacyFactory factory) : IClassFixture<PrivacyFactory>
{
    private const string Essay = "During the week in Holmestrand I followed two family mediation sessions and a parent group; back home we will try the same welcome meeting with new families.";

    [GeneratedRegex(@"token=([A-Za-z0-9_\-.%]+)")]
    private static partial Regex TokenPattern();

    private static string Token(string url) => Uri.UnescapeDataString(TokenPattern().Match(url).Groups[1].Value);

    /// <summary>A participant whose visit ended yesterday, who wrote an essay the coordinator published, and got reminders.</summary>
    private async Task<(HttpClient Coordinator, string MobilityId, string Name, string Email, string EssayToken, string Host)> ParticipantAsync()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var sending = (await factory.CreateOrganisationAsync(coordinator, country: "IT")).Id;
        var host = (await factory.CreateOrganisationAsync(coordinator, country: "NO")).Id;
        var email = Unique.Email("participant");
        var name = Unique.Name("Ilaria");
        var input = MobilityRequests.Input(sending, host, factory.Today.AddDays(-5), email: email, language: "en");
        input["participantName"] = name;
        var id = (await MobilityRequests.CreateAsync(coordinator, input)).S("id");
        await factory.RunAsync();
        var links = await Practices.OkAsync(await coordinator.PostAsync($"/api/mobilities/{id}/participant-links", null));
        var essayToken = Token(links.S("essayPage"));
        var participant = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await participant.PostAsJsonAsync("/api/participants/essay", new { token = essayToken, text = Essay, consentToPublish = true })).StatusCode);
        await Practices.OkAsync(await coordinator.PostAsync($"/api/essays/review/{id}/publish", null));
        return (coordinator, id, name, email, essayToken, host);
    }

    private async Task<string> AccessTokenAsync(string essayToken)
    {
        var link = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/participants/privacy?token={Uri.EscapeDataString(essayToken)}");
        return Token(link.S("page"));
    }

    private static async Task<(JsonElement Json, string Html)> ReadExportAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        await using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["personal-data.json", "summary.html"], zip.Entries.Select(e => e.FullName).Order().ToArray());
        using var json = JsonDocument.Parse(zip.GetEntry("personal-data.json")!.Open());
        using var html = new StreamReader(zip.GetEntry("summary.html")!.Open());
        return (json.RootElement.Clone(), await html.ReadToEndAsync());
    }

    [Fact]
    public async Task A_participant_downloads_their_visits_reminders_essay_subscription_and_mails_from_their_signed_link()
    {
        var (_, id, name, email, essayToken, _) = await ParticipantAsync();
        var token = await AccessTokenAsync(essayToken);
        Assert.Equal(email, (await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/privacy/mine?token={Uri.EscapeDataString(token)}")).S("email"));

        var (json, html) = await ReadExportAsync(await factory.CreateClient().GetAsync($"/api/privacy/export?token={Uri.EscapeDataString(token)}"));
        Assert.Equal(email, json.S("about"));
        var records = json.GetProperty("records").EnumerateArray().ToList();
        var kinds = records.Select(r => r.S("kind")).ToHashSet();
        Assert.Superset(new HashSet<string> { "visit", "subscription", "reminder", "essay", "mail" }, kinds);
        var visit = records.Single(r => r.S("kind") == "visit").GetProperty("fields");
        Assert.Equal((name, email, "Social worker"), (visit.S("Name"), visit.S("E-mail"), visit.S("Profession")));
        Assert.Contains(records, r => r.S("kind") == "essay" && r.GetProperty("fields").S("Text") == Essay && r.GetProperty("fields").S("Consent to publish") == "yes");
        Assert.Contains(records, r => r.S("kind") == "reminder" && r.GetProperty("fields").S("Reminder") == "essay-request" && r.GetProperty("fields").S("Status") == "sent");
        Assert.Contains(records, r => r.S("kind") == "reminder" && r.GetProperty("fields").S("Reminder") == "essay-reminder" && r.GetProperty("fields").S("Planned for").Length > 0);
        Assert.Contains(records, r => r.S("kind") == "mail" && r.GetProperty("fields").S("To") == email);
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Contains("Mail sent to you", html, StringComparison.Ordinal);
        Assert.Contains(records, r => r.S("kind") == "visit" && r.S("title").Length > 0 && r.GetProperty("fields").S("First day") == factory.Today.AddDays(-5).ToString("yyyy-MM-dd"));
        Assert.DoesNotContain(records, r => r.S("kind") is "account" or "session");
        Assert.NotEmpty(id);
    }

    [Fact]
    public async Task A_tampered_link_is_refused_with_403_an_expired_one_with_401_and_a_link_for_erasure_does_not_open_the_export()
    {
        var links = factory.Get<PrivacyLinks>();
        var email = Unique.Email("someone");
        var client = factory.CreateClient();
        var good = await links.CreateAsync(email, PrivacyPurpose.Access, TimeSpan.FromHours(1), default);
        var tampered = good[..^3] + (good[^3] == 'A' ? "B" : "A") + good[^2..];
        await Problem.AssertAsync(await client.GetAsync($"/api/privacy/export?token={Uri.EscapeDataString(tampered)}"), HttpStatusCode.Forbidden);
        var erase = await links.CreateAsync(email, PrivacyPurpose.Erase, TimeSpan.FromHours(1), default);
        await Problem.AssertAsync(await client.GetAsync($"/api/privacy/export?token={Uri.EscapeDataString(erase)}"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await client.PostAsJsonAsync("/api/privacy/erasure", new { token = good }), HttpStatusCode.Forbidden);
        var expired = await links.CreateAsync(email, PrivacyPurpose.Access, TimeSpan.FromSeconds(-1), default);
        var problem = await Problem.AssertAsync(await client.GetAsync($"/api/privacy/export?token={Uri.EscapeDataString(expired)}"), HttpStatusCode.Unauthorized);
        Assert.Equal("expired", problem.S("reason"));
    }

    [Fact]
    public async Task Erasure_confirmed_from_the_mail_leaves_the_name_and_address_in_no_table_or_container_and_keeps_the_visit_counted()
    {
        var (coordinator, id, name, email, essayToken, host) = await ParticipantAsync();
        var token = await AccessTokenAsync(essayToken);
        var participant = factory.CreateClient();
        Assert.NotEmpty(await StorageScan.FindAsync(factory.Azurite, name, email));

        Assert.Equal(HttpStatusCode.Accepted, (await participant.PostAsJsonAsync("/api/privacy/erasure-requests", new { token, language = "en" })).StatusCode);
        Assert.Equal(name, (await factory.Get<MobilityStore>().GetAsync(id, default))!.ParticipantName);
        var mail = await factory.NextMailAsync(email, PrivacyMails.ErasureCategory);
        Assert.NotNull(mail);
        var confirm = Token(Mail.LinkIn(mail));
        Assert.Equal(HttpStatusCode.OK, (await participant.PostAsJsonAsync("/api/privacy/erasure", new { token = confirm, keepEssayPublished = false })).StatusCode);

        Assert.Empty(await StorageScan.FindAsync(factory.Azurite, name, email));
        var visit = await Practices.OkAsync(await coordinator.GetAsync($"/api/mobilities/{id}"));
        Assert.Equal(("", "", "Social worker"), (visit.S("participantName"), visit.S("participantEmail"), visit.S("profession")));
        var quota = await coordinator.GetFromJsonAsync<JsonElement>("/api/mobilities/quota");
        var counted = quota.GetProperty("hosts").EnumerateArray().Single(h => h.S("organisationId") == host);
        Assert.Equal(1, counted.GetProperty("hosted").GetInt32() + counted.GetProperty("planned").GetInt32());
        Assert.Empty((await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/essays?organisationId={host}")).EnumerateArray());
        Assert.All(await factory.RemindersOfAsync(id), r => Assert.Equal(("", ""), (r.Snapshot.ParticipantName, r.Snapshot.ParticipantEmail)));

        // Final and repeatable: the same confirmation again changes nothing and answers the same.
        Assert.Equal(HttpStatusCode.OK, (await participant.PostAsJsonAsync("/api/privacy/erasure", new { token = confirm, keepEssayPublished = false })).StatusCode);
        Assert.Empty(await StorageScan.FindAsync(factory.Azurite, name, email));
    }

    [Fact]
    public async Task A_participant_may_keep_their_published_essay_without_their_name()
    {
        var (coordinator, id, name, email, _, host) = await ParticipantAsync();
        var erased = await coordinator.PostAsJsonAsync("/api/privacy/erasures", new { email, keepEssayPublished = true });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var essay = Assert.Single((await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/essays?organisationId={host}")).EnumerateArray());
        Assert.Equal((id, "", Essay), (essay.S("id"), essay.S("participantName"), essay.S("text")));
        Assert.Empty(await StorageScan.FindAsync(factory.Azurite, name, email));
    }

    [Fact]
    public async Task The_coordinators_erasure_answers_alike_for_an_unknown_address_and_both_are_audited_without_the_address()
    {
        var (coordinator, _, _, email, _, _) = await ParticipantAsync();
        var unknown = Unique.Email("nobody");
        var known = await coordinator.PostAsJsonAsync("/api/privacy/erasures", new { email });
        var none = await coordinator.PostAsJsonAsync("/api/privacy/erasures", new { email = unknown });
        Assert.Equal((known.StatusCode, await known.Content.ReadAsStringAsync()), (none.StatusCode, await none.Content.ReadAsStringAsync()));
        await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/privacy/erasures", new { email = "not an address" }), "email");
        await Problem.AssertFieldsAsync(await coordinator.PostAsJsonAsync("/api/privacy/erasures", new { email = factory.CoordinatorEmail }), "email");

        var export = await coordinator.PostAsJsonAsync("/api/privacy/exports", new { email = unknown });
        var (json, html) = await ReadExportAsync(export);
        Assert.Empty(json.GetProperty("records").EnumerateArray());
        Assert.Contains("We hold no data about this address.", html, StringComparison.Ordinal);

        var today = factory.Today.ToString("yyyy-MM-dd");
        var entries = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/audit?from={today}&to={today}")).EnumerateArray().ToList();
        Assert.True(entries.Count(e => e.S("action") == "erasure") >= 2);
        Assert.Contains(entries, e => e.S("action") == "export" && e.S("actor") == factory.CoordinatorEmail);
        var raw = await coordinator.GetStringAsync($"/api/audit?from={today}&to={today}");
        Assert.DoesNotContain(email, raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(unknown, raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_audit_log_records_who_did_what_and_when_filtered_by_action_and_date_and_only_coordinators_read_it()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var invitee = Unique.Email("editor");
        var partner = await factory.SignInAsPartnerAsync(coordinator, organisation.Id, invitee);
        var today = factory.Today.ToString("yyyy-MM-dd");

        var invitations = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/audit?action=invitation&from={today}&to={today}")).EnumerateArray().ToList();
        var entry = Assert.Single(invitations, e => e.S("target") == organisation.Id);
        Assert.Equal(factory.CoordinatorEmail, entry.S("actor"));
        Assert.True(DateTimeOffset.Parse(entry.S("at"), System.Globalization.CultureInfo.InvariantCulture) <= factory.Clock.GetUtcNow());
        Assert.All(invitations, e => Assert.Equal("invitation", e.S("action")));
        Assert.Contains((await coordinator.GetFromJsonAsync<JsonElement>($"/api/audit?action=organisation-created&from={today}&to={today}")).EnumerateArray(), e => e.S("target") == organisation.Id);
        Assert.DoesNotContain(invitee, await coordinator.GetStringAsync($"/api/audit?from={today}&to={today}"), StringComparison.OrdinalIgnoreCase);

        var tomorrow = factory.Today.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Empty((await coordinator.GetFromJsonAsync<JsonElement>($"/api/audit?from={tomorrow}&to={tomorrow}")).EnumerateArray());
        await Problem.AssertFieldsAsync(await coordinator.GetAsync("/api/audit?action=everything"), "action");
        await Problem.AssertFieldsAsync(await coordinator.GetAsync("/api/audit?from=yesterday"), "from");
        await Problem.AssertFieldsAsync(await coordinator.GetAsync($"/api/audit?from={tomorrow}&to={today}"), "from");

        await Problem.AssertAsync(await partner.GetAsync("/api/audit"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await partner.PostAsJsonAsync("/api/privacy/exports", new { email = invitee }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await partner.PostAsJsonAsync("/api/privacy/erasures", new { email = invitee }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await partner.GetAsync("/api/privacy/settings"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task An_editor_downloads_their_account_then_deletes_it_their_practice_stays_with_the_organisation_and_the_coordinator_is_told()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var editor = Unique.Email("editor");
        var partner = await factory.SignInAsPartnerAsync(coordinator, organisation.Id, editor);
        var created = await partner.PostAsJsonAsync("/api/practices", Practices.Input(organisation.Id, Unique.Name("Practice"), "en"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var practiceId = (await created.Content.ReadFromJsonAsync<JsonElement>()).S("id");

        var (json, _) = await ReadExportAsync(await partner.GetAsync("/api/me/export"));
        var records = json.GetProperty("records").EnumerateArray().ToList();
        var account = records.First(r => r.S("kind") == "account").GetProperty("fields");
        Assert.Equal((editor, "partner", organisation.Id), (account.S("E-mail"), account.S("Role"), account.S("Organisation")));
        Assert.Contains(records, r => r.S("kind") == "session" && r.GetProperty("fields").S("Ends").Length > 0);
        Assert.DoesNotContain(records, r => r.GetProperty("fields").EnumerateObject().Any(f => f.Name.Contains("token", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(records, r => r.S("kind") == "invitation" && r.S("title") == "Invitation received" || r.S("kind") == "mail" && r.GetProperty("fields").S("To") == editor);
        Assert.Contains(records, r => r.S("kind") == "authored" && r.GetProperty("fields").S("Practice") == practiceId);

        await Problem.AssertAsync(await coordinator.DeleteAsync("/api/me"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await partner.DeleteAsync("/api/me")).StatusCode);
        Assert.False((await partner.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("signedIn").GetBoolean());
        Assert.Null(await factory.Get<AccountStore>().FindUserAsync(editor, default));
        var kept = await Practices.OkAsync(await coordinator.GetAsync($"/api/practices/{practiceId}"));
        Assert.Equal(organisation.Id, kept.S("organisationId"));
        Assert.Empty(await StorageScan.FindAsync(factory.Azurite, editor));
        var told = await factory.NextMailAsync(factory.CoordinatorEmail, PrivacyMails.LastEditorCategory);
        Assert.NotNull(told);
        Assert.Contains(organisation.Name, told.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_removes_old_mail_and_reminder_logs_and_anonymises_old_visits_unless_the_coordinator_keeps_the_records()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var figures = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/privacy/retention");
        Assert.Equal((45, 365, 30, 730), (figures.GetProperty("outboxCopiesDays").GetInt32(), figures.GetProperty("reminderLogDaysAfterVisit").GetInt32(),
            figures.GetProperty("unredeemedInvitationsDays").GetInt32(), figures.GetProperty("participantsDaysAfterProject").GetInt32()));

        var sending = await factory.OrganisationAsync("IT");
        var host = await factory.OrganisationAsync("NO");
        var old = await factory.RegisterAsync(sending, host, factory.Today.AddDays(-6));
        await factory.RunAsync();
        Assert.True(await Mail.CountAsync(factory.Azurite, old.ParticipantEmail) > 0);

        // Keep first: past every period, the participant stays named while the mark is set.
        await Practices.OkAsync(await coordinator.PutAsJsonAsync("/api/privacy/settings", new { keepProjectRecords = true }));
        factory.Clock.Advance(TimeSpan.FromDays(2 * 365 + 10));
        await factory.ApplyRetentionAsync();
        Assert.Equal(old.ParticipantName, (await factory.Get<MobilityStore>().GetAsync(old.Id, default))!.ParticipantName);
        Assert.Equal(0, await Mail.CountAsync(factory.Azurite, old.ParticipantEmail));
        Assert.Empty(await factory.RemindersOfAsync(old.Id));
        Assert.True((await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/privacy/retention")).GetProperty("projectRecordsKept").GetBoolean());

        coordinator = await factory.SignInAsCoordinatorAsync();
        await Practices.OkAsync(await coordinator.PutAsJsonAsync("/api/privacy/settings", new { keepProjectRecords = false }));
        await factory.ApplyRetentionAsync();
        var anonymous = (await factory.Get<MobilityStore>().GetAsync(old.Id, default))!;
        Assert.Equal(("", "", "Social worker", old.StartDate), (anonymous.ParticipantName, anonymous.ParticipantEmail, anonymous.Profession, anonymous.StartDate));
        Assert.Empty(await StorageScan.FindAsync(factory.Azurite, old.ParticipantName, old.ParticipantEmail));
        await factory.ApplyRetentionAsync();
        await Problem.AssertFieldsAsync(await coordinator.PutAsJsonAsync("/api/privacy/settings", new { }), "keepProjectRecords");
    }
}
