using Exchange.Common;

namespace Exchange.Materials;

/// <summary>
/// The distinct case- and accent-folded words of a text, sorted, so that "does any word start
/// with this one" is a binary search. Query words match as prefixes, as in the catalogue.
/// </summary>
public sealed class WordSet
{
    public static readonly WordSet Empty = new([]);
    private readonly string[] _words;

    private WordSet(string[] sorted) => _words = sorted;

    public IReadOnlyList<string> Words => _words;

    public static WordSet Of(params string?[] texts) =>
        From(texts.SelectMany(t => TextFolding.Words(TextFolding.Fold(t ?? ""))));

    public static WordSet From(IEnumerable<string> words) =>
        new(words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    /// <summary>The words of a document in the order they first appear, until their total length reaches the cap.</summary>
    public static WordSet FromDocument(string text, int maxCharacters)
    {
        var kept = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var length = 0;
        foreach (var word in TextFolding.Words(TextFolding.Fold(text)))
        {
            if (word.Length > 60 || !seen.Add(word))
            {
                continue;
            }
            length += word.Length + 3;
            if (length > maxCharacters)
            {
                break;
            }
            kept.Add(word);
        }
        return From(kept);
    }

    public bool ContainsPrefix(string word)
    {
        var index = Array.BinarySearch(_words, word, StringComparer.Ordinal);
        if (index >= 0)
        {
            return true;
        }
        var next = ~index;
        return next < _words.Length && _words[next].StartsWith(word, StringComparison.Ordinal);
    }

    public bool ContainsAll(IEnumerable<string> words) => words.All(ContainsPrefix);

    public bool Contains(string word) => Array.BinarySearch(_words, word, StringComparer.Ordinal) >= 0;
}
