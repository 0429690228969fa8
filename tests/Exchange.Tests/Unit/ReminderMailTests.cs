using System.Text;
using Exchange.Hosting;
using Exchange.Mobilities;
using Exchange.Reminders;
using Exchange.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Exchange.Tests.Unit.Visits;

namespace Exchange.Tests.Unit;

public sealed class ReminderMailTests
{
    private static readonly ParticipantLinks Links = new(
        new Uri("https://exchange.example/participants/essay?token=E.T"),
        new Uri("https://exchange.example/participants/unsubscribe?token=U.T"),
        new Uri("https://exchange.example/api/participants/unsubscribe?token=U.T"));

    private static ReminderRecord Reminder(ReminderKind kind, string language = "it") =>
        Sync(Mobility(new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 3), language: language), [], Utc(2026, 3, 1, 12)).Records.Of(kind);

    private static EmailMessageParts Compose(ReminderKind kind, string language = "it")
    {
        var message = ReminderMails.Compose(Reminder(kind, language), Links, Utc(2026, 3, 16, 7), Utc(2026, 6, 1, 0));
        return new EmailMessageParts(message);
    }

    private sealed record EmailMessageParts(Email.EmailMessage Message)
    {
        public string All => Message.Subject + Message.Text + Message.Html;
    }

    [Fact]
    public void Every_reminder_has_both_parts_one_click_unsubscribe_headers_and_no_images()
    {
        foreach (var kind in ReminderPolicy.MobilityKinds)
        {
            var message = Compose(kind).Message;
            Assert.Equal("giulia@example.org", message.To);
            Assert.Equal(ReminderMails.Category, message.Category);
            Assert.False(string.IsNullOrWhiteSpace(message.Text));
            Assert.StartsWith("<p>", message.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", message.Html, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("<https://exchange.example/api/participants/unsubscribe?token=U.T>", message.Headers!["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.Contains("https://exchange.example/participants/unsubscribe?token=U.T", message.Text, StringComparison.Ordinal);
            Assert.Contains("href=\"https://exchange.example/participants/unsubscribe?token=U.T\"", message.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_preparation_mail_has_host_details_programme_and_the_visit_as_an_all_day_calendar_event()
    {
        var message = Compose(ReminderKind.Prepare, "en").Message;
        Assert.Equal("Your visit to Holmestrand kommune: 30 March 2026 – 3 April 2026", message.Subject);
        Assert.Contains("Rådhuset, Holmestrand", message.Text, StringComparison.Ordinal);
        Assert.Contains("Kari Nilsen, kari@example.org, +47 33 00 00 00", message.Text, StringComparison.Ordinal);
        Assert.Contains("Monday: welcome", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("essay?token", message.Text, StringComparison.Ordinal);

        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal(("visit.ics", "text/calendar"), (attachment.FileName, attachment.ContentType));
        var ics = Encoding.UTF8.GetString(attachment.Content);
        Assert.Contains("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nBEGIN:VEVENT\r\nUID:it-sender.visit1@exchange.example\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTART;VALUE=DATE:20260330\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nDTEND;VALUE=DATE:20260404\r\n", ics, StringComparison.Ordinal); // exclusive: the day after the last
        Assert.Contains("\r\nSEQUENCE:1\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nLOCATION:Holmestrand kommune\\, Rådhuset\\, Holmestrand\\, Holmestrand\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
    }

    [Fact]
    public void A_long_programme_is_folded_in_the_calendar_without_splitting_a_character()
    {
        var snapshot = Reminder(ReminderKind.Prepare).Snapshot with { Programme = string.Concat(Enumerable.Repeat("Giornata di mediazione familiare – città ", 10)) };
        var ics = Encoding.UTF8.GetString(VisitCalendar.Create("m", snapshot, "x", Utc(2026, 3, 16, 7), "Visita", snapshot.Programme));
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75));
        Assert.Contains(string.Concat(Enumerable.Repeat("Giornata di mediazione familiare – città ", 10)).TrimEnd(),
            ics.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Mails_are_in_the_participants_language_and_in_english_for_a_language_the_product_does_not_speak()
    {
        Assert.Equal("La tua visita a Holmestrand kommune inizia il 30 marzo 2026", Compose(ReminderKind.Soon, "it").Message.Subject);
        Assert.Equal("Your visit to Holmestrand kommune starts on 30 March 2026", Compose(ReminderKind.Soon, "en").Message.Subject);
        Assert.Equal("Besøket ditt hos Holmestrand kommune begynner 30. mars 2026", Compose(ReminderKind.Soon, "nb").Message.Subject);
        Assert.Equal("Your visit to Holmestrand kommune starts on 30 March 2026", Compose(ReminderKind.Soon, "pt").Message.Subject);
        Assert.StartsWith("Gentile Giulia Sanna,", Compose(ReminderKind.EssayRequest, "it").Message.Text, StringComparison.Ordinal);
        Assert.StartsWith("Dear Giulia Sanna,", Compose(ReminderKind.EssayRequest, "pt").Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Essay_mails_carry_the_signed_essay_link()
    {
        foreach (var kind in new[] { ReminderKind.EssayRequest, ReminderKind.EssayReminder, ReminderKind.EssayLast })
        {
            var message = Compose(kind, "en").Message;
            Assert.Contains("https://exchange.example/participants/essay?token=E.T", message.Text, StringComparison.Ordinal);
            Assert.Contains("works until 1 June 2026", message.Text, StringComparison.Ordinal);
        }
        Assert.StartsWith("Last reminder", Compose(ReminderKind.EssayLast, "en").Message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void The_copy_of_the_last_reminder_states_the_facts_without_the_participants_links()
    {
        var copy = ReminderMails.Copy(Reminder(ReminderKind.EssayLast), "editor@example.org");
        Assert.Equal("editor@example.org", copy.To);
        Assert.Equal(ReminderMails.CopyCategory, copy.Category);
        Assert.Contains("giulia@example.org", copy.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", copy.Text + copy.Html, StringComparison.Ordinal);
        Assert.False(copy.Headers!.ContainsKey("List-Unsubscribe"));
        Assert.StartsWith("Copia:", copy.Subject, StringComparison.Ordinal); // the sending organisation is Italian
    }
}

public sealed class ParticipantTokenTests
{
    private readonly FakeTimeProvider _time = new(Utc(2026, 4, 4, 6));

    private ParticipantTokens Tokens(string key = "a-signing-key-of-at-least-thirty-two-characters") =>
        new(Options.Create(new ParticipantsOptions { SigningKey = key }), Options.Create(new SiteOptions { PublicBaseUrl = new Uri("https://exchange.example") }),
            new Azure.Data.Tables.TableClient(new Uri("http://127.0.0.1:1/devstoreaccount1/" + StorageNames.MetaTable)), _time);

    [Fact]
    public async Task A_token_names_its_mobility_and_works_only_for_its_purpose_until_it_expires()
    {
        var tokens = Tokens();
        var token = await tokens.CreateAsync("it-sender.visit1", TokenPurpose.Essay, _time.GetUtcNow().AddDays(60), default);

        Assert.Equal(new TokenResult(TokenCheck.Valid, "it-sender.visit1"), await tokens.CheckAsync(token, TokenPurpose.Essay, default));
        Assert.Equal(TokenCheck.Invalid, (await tokens.CheckAsync(token, TokenPurpose.Unsubscribe, default)).Check);

        _time.Advance(TimeSpan.FromDays(60));
        Assert.Equal(TokenCheck.Expired, (await tokens.CheckAsync(token, TokenPurpose.Essay, default)).Check);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    public async Task Malformed_tokens_are_invalid(string? token) =>
        Assert.Equal(TokenCheck.Invalid, (await Tokens().CheckAsync(token, TokenPurpose.Essay, default)).Check);

    [Fact]
    public async Task A_changed_character_or_another_key_makes_a_token_invalid()
    {
        var token = await Tokens().CreateAsync("it-sender.visit1", TokenPurpose.Essay, _time.GetUtcNow().AddDays(1), default);
        var tampered = token[..5] + (token[5] == 'A' ? 'B' : 'A') + token[6..];
        Assert.Equal(TokenCheck.Invalid, (await Tokens().CheckAsync(tampered, TokenPurpose.Essay, default)).Check);
        Assert.Equal(TokenCheck.Invalid, (await Tokens("another-signing-key-of-thirty-two-characters").CheckAsync(token, TokenPurpose.Essay, default)).Check);
    }

    [Fact]
    public async Task Links_point_at_the_sites_pages_and_the_one_click_api()
    {
        var links = await Tokens().LinksAsync("it-sender.visit1", default);
        Assert.StartsWith("https://exchange.example/participants/essay?token=", links.EssayPage.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("https://exchange.example/participants/unsubscribe?token=", links.UnsubscribePage.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("https://exchange.example/api/participants/unsubscribe?token=", links.OneClickUnsubscribe.ToString(), StringComparison.Ordinal);
        Assert.Equal(links.UnsubscribePage.Query, links.OneClickUnsubscribe.Query);
    }
}
