using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Coordination;
using Exchange.Hosting;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>Two coordinators, so one can switch their mail off while the other keeps it.</summary>
public sealed class TwoCoordinatorsFactory : ExchangeFactory
{
    public string SecondCoordinatorEmail { get; } = Unique.Email("second-coordinator");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Accounts:CoordinatorEmails:1"] = SecondCoordinatorEmail };
}

/// <summary>Coordinators hear of submissions as they come, and once a week of everything that waits for them.</summary>
public sealed class CoordinationTests(TwoCoordinatorsFactory factory) : IClassFixture<TwoCoordinatorsFactory>
{
    private async Task RunDigestAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SendCoordinatorDigest>().RunAsync(new TimerRun(DateTimeOffset.UtcNow, false, "test"), default);
    }

    [Fact]
    public async Task Coordinators_get_a_mail_per_submission_and_a_weekly_digest_unless_they_switched_them_off()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var second = await factory.SignInAsync(factory.SecondCoordinatorEmail);
        Assert.True((await second.GetFromJsonAsync<JsonElement>("/api/me/preferences")).GetProperty("weeklyDigest").GetBoolean());
        await Problem.AssertFieldsAsync(await second.PutAsJsonAsync("/api/me/preferences", new { weeklyDigest = false }), "submissionMails");
        var off = await Practices.OkAsync(await second.PutAsJsonAsync("/api/me/preferences", new { submissionMails = false, weeklyDigest = false, language = "it" }));
        Assert.False(off.GetProperty("submissionMails").GetBoolean());

        var organisation = await factory.CreateOrganisationAsync(coordinator);
        var partner = await factory.SignInAsPartnerAsync(coordinator, organisation.Id);
        await Problem.AssertAsync(await partner.GetAsync("/api/me/preferences"), HttpStatusCode.Forbidden);
        var name = Unique.Name("Gruppi di parola");
        var draft = await Practices.CreateAsync(partner, Practices.Input(organisation.Id, name));
        var submitted = await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Post, $"/api/practices/{draft.Id()}/submit", draft.Etag()));

        var notice = await factory.NextMailAsync(factory.CoordinatorEmail, "practice");
        Assert.NotNull(notice);
        Assert.Equal($"New practice to review: {name}", notice.Subject);
        Assert.Contains(organisation.Name, notice.Text, StringComparison.Ordinal);
        Assert.Contains($"/my/practices/{draft.Id()}/review", notice.Text, StringComparison.Ordinal);

        var changes = await Practices.OkAsync(await Practices.SendAsync(coordinator, HttpMethod.Post, $"/api/practices/{draft.Id()}/request-changes", submitted.Etag(), new { comment = "Più dettagli." }));
        await Practices.OkAsync(await Practices.SendAsync(partner, HttpMethod.Post, $"/api/practices/{draft.Id()}/submit", changes.Etag()));
        var again = await factory.NextMailAsync(factory.CoordinatorEmail, "practice");
        Assert.NotNull(again);
        Assert.StartsWith("Practice resubmitted", again.Subject, StringComparison.Ordinal);

        await RunDigestAsync();
        var digest = await factory.NextMailAsync(factory.CoordinatorEmail, CoordinatorMails.Category);
        Assert.NotNull(digest);
        Assert.Contains(name, digest.Text, StringComparison.Ordinal);
        Assert.Contains("/my/account", digest.Text, StringComparison.Ordinal);

        // A second run in the same week sends nothing more; the coordinator who switched off got nothing at all.
        await RunDigestAsync();
        Assert.Null(await factory.NextMailAsync(factory.CoordinatorEmail, CoordinatorMails.Category, TimeSpan.FromSeconds(1)));
        Assert.Null(await Mail.FindAsync(factory.Azurite, factory.SecondCoordinatorEmail, m => m.Category is "practice" or CoordinatorMails.Category, TimeSpan.FromSeconds(1)));
    }
}
