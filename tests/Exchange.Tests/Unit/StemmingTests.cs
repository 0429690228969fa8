using Exchange.Catalogue;
using Exchange.Common;
using Exchange.Materials;
using Exchange.Practices;

namespace Exchange.Tests.Unit;

public sealed class StemmingTests
{
    [Theory]
    [InlineData("en", "parents", "parenting")]
    [InlineData("en", "parents", "parent")]
    [InlineData("en", "mediation", "mediating")]
    [InlineData("it", "mediazione", "mediazioni")]
    [InlineData("it", "famiglie", "famiglia")]
    [InlineData("es", "familias", "familia")]
    [InlineData("es", "mediación", "mediaciones")]
    [InlineData("fr", "familles", "famille")]
    [InlineData("fr", "parentalité", "parentalités")]
    [InlineData("de", "Familien", "Familie")]
    [InlineData("de", "Kindern", "Kinder")]
    [InlineData("ro", "familiile", "familiei")]
    [InlineData("ro", "părinții", "părinților")]
    [InlineData("bg", "семейства", "семейство")]
    [InlineData("bg", "родителите", "родители")]
    [InlineData("fi", "perheille", "perheet")]
    [InlineData("fi", "vanhemmat", "vanhemmille")]
    [InlineData("fi", "sovittelu", "sovittelussa")]
    [InlineData("sv", "föräldrarna", "föräldrar")]
    [InlineData("sv", "familjer", "familjen")]
    [InlineData("nb", "foreldrene", "foreldre")]
    [InlineData("nb", "familiene", "familier")]
    public void Two_forms_of_a_word_share_a_stem_in_their_language(string language, string one, string other)
    {
        Assert.NotNull(Stemming.Stem(language, one));
        Assert.Equal(Stemming.Stem(language, one), Stemming.Stem(language, other));
    }

    [Fact]
    public void Stems_are_folded_so_a_query_without_accents_finds_the_accented_word()
    {
        Assert.Equal(Stemming.Stem("it", "città"), Stemming.Stem("it", "citta"));
        Assert.Equal(Stemming.Stem("ro", "părinții"), Stemming.Stem("ro", "PĂRINȚII"));
        Assert.DoesNotContain(Stemming.Stem("fr", "éducation")!, c => c > 127);
    }

    [Fact]
    public void Every_supported_language_names_a_stemmer_lucene_has_or_none()
    {
        foreach (var language in SupportedLanguages.All)
        {
            Assert.Equal(language.Stemmer is not null, Stemming.CanStem(language.Code));
            if (language.Stemmer is not null)
            {
                Assert.False(string.IsNullOrEmpty(Stemming.Stem(language.Code, "abcdefgh")));
            }
        }
    }

    [Fact]
    public void A_query_keeps_quoted_phrases_apart_from_its_loose_words()
    {
        var query = Stemming.Parse("Parents \u201cfamily mediation\u201d centres", ["en", "it"]);
        Assert.Equal(["parents", "centres"], query.Terms.Select(t => t.Word));
        Assert.Contains("parent", query.Terms[0].Stems);
        Assert.Equal(["family", "mediation"], Assert.Single(query.Phrases));
        Assert.True(Stemming.ContainsPhrase("Support in Family Mediation.", ["family", "mediation"]));
        Assert.False(Stemming.ContainsPhrase("Mediation for the family", ["family", "mediation"]));
    }

    [Theory]
    [InlineData("parents", "p-parenting")]
    [InlineData("parent", "p-parenting")]
    [InlineData("mediazione", "p-mediazioni")]
    [InlineData("mediation", "p-mediazioni")]
    [InlineData("genitori", "p-parenting")]
    [InlineData("familias", "p-familia")]
    [InlineData("Familien", "p-familie")]
    [InlineData("семейство", "p-semeistva")]
    [InlineData("foreldre", "p-foreldrene")]
    [InlineData("citta", "p-mediazioni")]
    public void The_catalogue_finds_a_practice_by_another_form_of_its_words(string query, string expected)
    {
        var snapshot = Catalogue();
        var found = snapshot.Search(new CatalogueQuery(query, new Dictionary<string, IReadOnlyList<string>>(), CatalogueSort.Newest, 1, 20, "en"));
        Assert.Contains(expected, found.Items.Select(i => i.Id));
    }

    [Fact]
    public void The_target_group_a_facet_counts_is_found_by_its_label_in_any_language()
    {
        var snapshot = Catalogue();
        foreach (var query in new[] { "parents", "Eltern", "genitori", "родители", "foreldre" })
        {
            var found = snapshot.Search(new CatalogueQuery(query, new Dictionary<string, IReadOnlyList<string>>(), CatalogueSort.Newest, 1, 20, null));
            Assert.Contains("p-targeted", found.Items.Select(i => i.Id));
        }
    }

    [Fact]
    public void A_quoted_phrase_matches_its_words_together_and_as_written()
    {
        var snapshot = Catalogue();
        Search("\"parenting groups\"", ["p-parenting"]);
        Search("\"groups parenting\"", []);
        Search("\"parent groups\"", []);

        void Search(string query, string[] expected) =>
            Assert.Equal(expected, snapshot.Search(new CatalogueQuery(query, new Dictionary<string, IReadOnlyList<string>>(), CatalogueSort.Newest, 1, 20, "en")).Items.Select(i => i.Id));
    }

    [Fact]
    public void The_library_finds_a_document_by_another_form_of_its_words_in_the_version_language()
    {
        var words = WordSet.FromDocument("Linee guida per la mediazione familiare con le famiglie migranti", 10_000);
        var stems = WordSet.From(words.Words.SelectMany(w => Stemming.Stems("it", w)));
        var query = Stemming.Parse("mediazioni famiglia", ["it"]);
        Assert.All(query.Terms, t => Assert.True(words.ContainsPrefix(t.Word) || t.Stems.Any(stems.Contains), t.Word));
    }

    private static CatalogueSnapshot Catalogue() => new(
    [
        Practice("p-parenting", "en", "Parenting groups in the neighbourhood", "Evening groups where a parent meets other parents.", [], [], ("it", "Gruppi di genitorialità", "Incontri serali per genitori.")),
        Practice("p-mediazioni", "it", "Mediazioni familiari in città", "Servizio di mediazioni per le coppie che si separano.", ["family-mediation"], []),
        Practice("p-familia", "es", "Apoyo a la familia", "Un servicio para la familia y los niños.", [], []),
        Practice("p-familie", "de", "Hilfe für jede Familie", "Beratung für die Familie zu Hause.", [], []),
        Practice("p-semeistva", "bg", "Подкрепа за семейства", "Услуга за семейства с малки деца.", [], []),
        Practice("p-foreldrene", "nb", "Støtte til foreldrene", "Et tilbud til foreldrene i kommunen.", [], []),
        Practice("p-targeted", "fi", "Perhekahvila", "Kohtaamispaikka lapsiperheille.", [], ["parents"]),
    ], 1);

    private static CatalogueDocument Practice(string id, string language, string name, string description, string[] fields, string[] groups,
        params (string Language, string Name, string Description)[] translations) =>
        new(id, "org", "Centro", language, "IT", "Forlì", 2020, null, true, fields, groups, null, null, null, null,
            [new CatalogueText(language, true, false, name, "", description, null, null, "", []),
             .. translations.Select(t => new CatalogueText(t.Language, false, false, t.Name, "", t.Description, null, null, "", []))],
            DateTimeOffset.UnixEpoch);
}
