using Exchange.Common;
using Exchange.Materials;

namespace Exchange.Tests.Unit;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Auﬂage", "auflage")]
    [InlineData("ﬁnanziamento ﬀ", "finanziamento ff")]
    [InlineData("ＦＡＭＩＧＬＩＡ", "famiglia")]
    [InlineData("Ⅻ ² ½", "xii 2 1⁄2")]
    [InlineData("𝐅𝐚𝐦𝐢𝐥𝐲", "family")]
    [InlineData("Città", "citta")]
    [InlineData("Citta\u0300", "citta")]
    [InlineData("ﻻ", "لا")]
    [InlineData("حَبيبي", "حبيبي")]
    [InlineData("שָׁלוֹם", "שלום")]
    public void Compatibility_characters_ligatures_and_marks_fold_to_plain_letters(string text, string folded) =>
        Assert.Equal(folded, TextFolding.Fold(text));

    [Fact]
    public void A_decomposed_letter_folds_like_its_precomposed_form()
    {
        Assert.Equal("мой", TextFolding.Fold("Мои\u0306"));
        Assert.Equal(TextFolding.Fold("Мой"), TextFolding.Fold("Мои\u0306"));
        Assert.Equal(TextFolding.Fold("ǖ"), TextFolding.Fold("u\u0308\u0304"));
        Assert.Equal("ascii stays as it is, quickly", TextFolding.Fold("ASCII stays as it is, quickly"));
    }

    [Fact]
    public void A_query_with_plain_letters_finds_a_word_set_with_ligatures_and_the_reverse()
    {
        Assert.True(WordSet.Of("Zweite Auﬂage").ContainsPrefix(TextFolding.Fold("Auflage")));
        Assert.True(WordSet.Of("Zweite Auflage").ContainsPrefix(TextFolding.Fold("Auﬂ")));
    }
}
