using System.Text.RegularExpressions;
using Exchange.Accounts;
using Exchange.Common;
using Exchange.Email;
using Exchange.Mobilities;
using Exchange.Practices;
using Exchange.Privacy;
using Exchange.Reminders;
using static Exchange.Tests.Unit.Visits;

namespace Exchange.Tests.Unit;

/// <summary>Every mail, rendered in every supported language: the recipient's language decides, English is the fallback.</summary>
public sealed partial class MailLanguageTests
{
    private static readonly Uri Link = new("https://exchange.example/sign-in/complete?token=T");
    private static readonly ParticipantLinks Links = new(
        new Uri("https://exchange.example/participants/essay?token=E.T"),
        new Uri("https://exchange.example/participants/unsubscribe?token=U.T"),
        new Uri("https://exchange.example/api/participants/unsubscribe?token=U.T"));

    public static TheoryData<string> Languages() => [.. SupportedLanguages.Codes];

    private static IEnumerable<EmailMessage> EveryMail(string language)
    {
        yield return AccountMails.SignIn("a@example.org", Link, language);
        yield return AccountMails.Invitation("a@example.org", "Perhekeskus Tampere", Link, new DateTimeOffset(2026, 5, 3, 0, 0, 0, TimeSpan.Zero), language);
        yield return PracticeMails.ChangesRequested("a@example.org", "Gruppi di parola", "Aggiungere gli indicatori.", Link, language);
        yield return PracticeMails.Published("a@example.org", "Gruppi di parola", Link, language);
        yield return PracticeMails.Submitted("a@example.org", "Gruppi di parola", "Comune di Forlì", false, Link, language);
        yield return PracticeMails.Submitted("a@example.org", "Gruppi di parola", "Comune di Forlì", true, Link, language);
        yield return PrivacyMails.ConfirmErasure("a@example.org", Link, language);
        yield return PrivacyMails.ErasureNotice("a@example.org", language);
        yield return PrivacyMails.LastEditorLeft("a@example.org", "Comune di Forlì", language);
        var records = Sync(Mobility(new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 3), language: language), [], Utc(2026, 3, 1, 12)).Records;
        foreach (var kind in ReminderPolicy.MobilityKinds)
        {
            yield return ReminderMails.Compose(records.Of(kind), Links, Utc(2026, 3, 16, 7), Utc(2026, 6, 1, 0));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_mail_is_written_in_the_recipients_language_with_every_placeholder_filled(string language)
    {
        var english = EveryMail("en").ToList();
        var mails = EveryMail(language).ToList();
        for (var i = 0; i < mails.Count; i++)
        {
            var mail = mails[i];
            Assert.False(string.IsNullOrWhiteSpace(mail.Subject));
            Assert.DoesNotMatch(Placeholder(), mail.Subject + mail.Text);
            if (language != "en")
            {
                // Written in the language, not the English fallback.
                Assert.NotEqual(english[i].Subject, mail.Subject);
                Assert.NotEqual(english[i].Text, mail.Text);
            }
        }
    }

    [Fact]
    public void A_mail_to_someone_whose_language_the_product_does_not_speak_is_in_english()
    {
        Assert.Equal(AccountMails.SignIn("a@example.org", Link, "en").Subject, AccountMails.SignIn("a@example.org", Link, "pt").Subject);
        Assert.Equal(AccountMails.SignIn("a@example.org", Link, "de").Subject, AccountMails.SignIn("a@example.org", Link, "de-AT").Subject);
        Assert.Equal("Ihr Anmeldelink für Exchange", AccountMails.SignIn("a@example.org", Link, "de").Subject);
    }

    [Theory]
    [InlineData("en", "30 March 2026")]
    [InlineData("it", "30 marzo 2026")]
    [InlineData("es", "30 de marzo de 2026")]
    [InlineData("de", "30. März 2026")]
    [InlineData("fi", "30. maaliskuuta 2026")]
    [InlineData("bg", "30 март 2026 г.")]
    [InlineData("is", "30. mars 2026")]
    public void Dates_in_mails_are_written_as_the_language_writes_them(string language, string expected) =>
        Assert.Equal(expected, Texts.For(language).Date(new DateOnly(2026, 3, 30)));

    [Fact]
    public void The_copy_for_the_sending_organisation_is_in_its_countrys_language()
    {
        Assert.Equal("de", SupportedLanguages.ForCountry("AT"));
        Assert.Equal("nb", SupportedLanguages.ForCountry("no"));
        Assert.Equal("en", SupportedLanguages.ForCountry("BE"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_handbook_edition_prints_its_labels_and_date_in_its_own_language(string language)
    {
        var labels = Handbooks.HandbookLabels.For(language);
        var words = new[] { labels.Contents, labels.Introduction, labels.Partners, labels.Objectives, labels.Page, labels.UpdateContents };
        Assert.All(words, w => Assert.False(string.IsNullOrWhiteSpace(w)));
        if (language != "en")
        {
            Assert.NotEqual(Handbooks.HandbookLabels.For("en").Contents, labels.Contents);
        }
        Assert.Equal("Съдържание", Handbooks.HandbookLabels.For("bg").Contents);
        Assert.Equal("Efnisyfirlit", Handbooks.HandbookLabels.For("is").Contents);
    }

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex Placeholder();
}
