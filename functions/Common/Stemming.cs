using Lucene.Net.Analysis.Bg;
using Lucene.Net.Tartarus.Snowball;

namespace Exchange.Common;

/// <summary>A query word: its folded form (matched as a prefix of indexed words) and its stems in the languages searched.</summary>
public sealed record SearchTerm(string Word, IReadOnlyList<string> Stems);

/// <summary>What a visitor typed: loose words, and exact phrases they put in quotes.</summary>
public sealed record SearchQuery(IReadOnlyList<SearchTerm> Terms, IReadOnlyList<IReadOnlyList<string>> Phrases)
{
    public bool IsEmpty => Terms.Count == 0 && Phrases.Count == 0;
}

/// <summary>
/// Word forms for search, with Lucene's stemmers (Snowball for most languages, Lucene's own for
/// Bulgarian): "parents" and "parenting" both stem to "parent", "mediazioni" to "mediazion".
/// Stems are folded afterwards, so case and accent folding keep working ("Città", "citta").
/// Which stemmer a language uses is written in the list of supported languages; a text in a
/// language without one is searched by its words alone.
/// </summary>
public static class Stemming
{
    // Snowball programs keep the word being stemmed in fields: one instance per thread and language.
    [ThreadStatic] private static Dictionary<string, Func<string, string>?>? t_stemmers;

    private static readonly Dictionary<string, string> StemmerNames = SupportedLanguages.All
        .Where(l => l.Stemmer is not null).ToDictionary(l => l.Code, l => l.Stemmer!, StringComparer.Ordinal);

    public static bool CanStem(string? language) => language is not null && StemmerNames.ContainsKey(language);

    /// <summary>The folded stem of one word in a language, or null when the language has no stemmer.</summary>
    public static string? Stem(string? language, string word)
    {
        if (language is null || StemmerNames.Count == 0)
        {
            return null;
        }
        var stemmers = t_stemmers ??= new Dictionary<string, Func<string, string>?>(StringComparer.Ordinal);
        if (!stemmers.TryGetValue(language, out var stem))
        {
            stemmers[language] = stem = StemmerNames.TryGetValue(language, out var name) ? Create(name) : null;
        }
        return stem is null ? null : TextFolding.Fold(stem(word.ToLowerInvariant()));
    }

    /// <summary>The distinct folded stems of a text's words in its language; nothing when the language has no stemmer.</summary>
    public static IEnumerable<string> Stems(string? language, string? text)
    {
        if (string.IsNullOrEmpty(text) || !CanStem(language))
        {
            return [];
        }
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in TextFolding.Words(Nfkc.Normalize(text).ToLowerInvariant()))
        {
            if (word.Length <= 60 && Stem(language, word) is { Length: > 0 } stem)
            {
                stems.UnionWith(TextFolding.Words(stem));
            }
        }
        return stems;
    }

    /// <summary>
    /// Reads a query: words in quotes are phrases that match exactly; every other word matches
    /// its own prefix or, in any of <paramref name="languages"/>, a word of the same stem.
    /// </summary>
    public static SearchQuery Parse(string? text, IEnumerable<string> languages)
    {
        var terms = new List<SearchTerm>();
        var phrases = new List<IReadOnlyList<string>>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SearchQuery(terms, phrases);
        }
        var stemmed = languages.Where(CanStem).Distinct(StringComparer.Ordinal).ToList();
        var parts = Nfkc.Normalize(text).Replace('“', '"').Replace('”', '"').Replace('„', '"').Replace('«', '"').Replace('»', '"').Split('"');
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts lie between quotes; an unclosed quote leaves its words loose.
            var quoted = i % 2 == 1 && i < parts.Length - 1;
            if (quoted)
            {
                var phrase = TextFolding.Words(TextFolding.Fold(parts[i])).ToList();
                if (phrase.Count > 0)
                {
                    phrases.Add(phrase);
                }
                continue;
            }
            foreach (var raw in TextFolding.Words(parts[i].ToLowerInvariant()))
            {
                foreach (var word in TextFolding.Words(TextFolding.Fold(raw)))
                {
                    if (!seen.Add(word))
                    {
                        continue;
                    }
                    var stems = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var language in stemmed)
                    {
                        // Both the word as typed and without its accents: stored document words are folded.
                        AddStem(stems, Stem(language, raw));
                        AddStem(stems, Stem(language, word));
                    }
                    terms.Add(new SearchTerm(word, stems.Order(StringComparer.Ordinal).ToList()));
                }
            }
        }
        return new SearchQuery(terms, phrases);
    }

    /// <summary>Whether the words of a folded text hold the phrase's words one after the other.</summary>
    public static bool ContainsPhrase(string? text, IReadOnlyList<string> phrase)
    {
        if (string.IsNullOrEmpty(text) || phrase.Count == 0)
        {
            return false;
        }
        var words = TextFolding.Words(TextFolding.Fold(text)).ToList();
        for (var i = 0; i + phrase.Count <= words.Count; i++)
        {
            var j = 0;
            while (j < phrase.Count && words[i + j] == phrase[j])
            {
                j++;
            }
            if (j == phrase.Count)
            {
                return true;
            }
        }
        return false;
    }

    private static void AddStem(HashSet<string> stems, string? stem)
    {
        if (!string.IsNullOrEmpty(stem))
        {
            stems.UnionWith(TextFolding.Words(stem));
        }
    }

    private static Func<string, string> Create(string name)
    {
        if (name == "Bulgarian")
        {
            var bulgarian = new BulgarianStemmer();
            return word =>
            {
                var chars = word.ToCharArray();
                return new string(chars, 0, bulgarian.Stem(chars, chars.Length));
            };
        }
        var type = typeof(SnowballProgram).Assembly.GetType($"Lucene.Net.Tartarus.Snowball.Ext.{name}Stemmer")
            ?? throw new InvalidOperationException($"Lucene has no Snowball stemmer named {name}.");
        var program = (SnowballProgram)Activator.CreateInstance(type)!;
        // Snowball's Romanian predates the comma-below letters that Romanian is written with today.
        var romanian = name == "Romanian";
        return word =>
        {
            program.SetCurrent(romanian ? word.Replace('ș', 'ş').Replace('ț', 'ţ') : word);
            program.Stem();
            return program.Current;
        };
    }
}
