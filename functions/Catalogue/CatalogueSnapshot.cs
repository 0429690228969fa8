using System.Numerics;
using Exchange.Common;
using Exchange.Practices;

namespace Exchange.Catalogue;

public enum CatalogueSort
{
    Newest,
    Name,
    /// <summary>Most taken up by other partners first.</summary>
    Transfers,
}

public sealed record CatalogueQuery(
    string? Text, IReadOnlyDictionary<string, IReadOnlyList<string>> Filters, CatalogueSort Sort, int Page, int PageSize, string? Language)
{
    public const string Country = "country";
    public const string Field = "field";
    public const string TargetGroup = "targetGroup";
    public const string TextLanguage = "language";
    public const string Ongoing = "ongoing";
    public const string TakenUp = "takenUp";

    public static readonly IReadOnlyList<string> Facets = [Country, Field, TargetGroup, TextLanguage, Ongoing, TakenUp];

    /// <summary>A canonical form of the query, used as its cache key.</summary>
    public string Key() =>
        string.Join('|', [TextFolding.Fold(Text ?? "").Trim(), Sort.ToString(), Page.ToString(), PageSize.ToString(), Language ?? "",
            .. Facets.Select(f => Filters.TryGetValue(f, out var v) ? f + "=" + string.Join(',', v.Order(StringComparer.Ordinal)) : "")]);
}

/// <summary>
/// An immutable, fully indexed view of the published catalogue: an inverted index of folded
/// words (so "citta" finds "Città"), another of their stems, each text stemmed in its own
/// language (so "parents" finds "parenting" and "mediazione" finds "mediazioni"), and one bitset
/// per facet value. A practice's fields and target groups are indexed by their labels in every
/// language, so "parents" finds the practices the Target group facet counts under "Parents".
/// Queries only read it; a change builds a new snapshot.
/// </summary>
public sealed class CatalogueSnapshot
{
    private readonly CatalogueDocument[] _docs;
    private readonly Dictionary<string, int> _byId;
    private readonly string[] _tokens;
    private readonly int[][] _postings;
    private readonly Dictionary<string, int[]> _stems;
    private readonly string[] _textLanguages;
    private readonly Dictionary<string, Dictionary<string, ulong[]>> _facets;
    private readonly int[] _byNewest;
    private readonly int[] _byName;
    private readonly int[] _byTransfers;
    private readonly IReadOnlyDictionary<string, int> _transfers;
    private readonly int _words;

    public static readonly CatalogueSnapshot Empty = new([], 0);

    /// <param name="transfers">How many other partners took up each practice, by practice id.</param>
    public CatalogueSnapshot(IReadOnlyCollection<CatalogueDocument> documents, long version, IReadOnlyDictionary<string, int>? transfers = null)
    {
        Version = version;
        _transfers = transfers ?? new Dictionary<string, int>();
        _docs = documents.ToArray();
        _words = (_docs.Length + 63) / 64;
        _byId = new Dictionary<string, int>(_docs.Length, StringComparer.Ordinal);
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var stems = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var textLanguages = new SortedSet<string>(StringComparer.Ordinal);
        _facets = CatalogueQuery.Facets.ToDictionary(f => f, _ => new Dictionary<string, ulong[]>(StringComparer.Ordinal));
        for (var i = 0; i < _docs.Length; i++)
        {
            var doc = _docs[i];
            _byId[doc.Id] = i;
            var (words, wordStems) = Tokens(doc);
            Post(postings, words, i);
            Post(stems, wordStems, i);
            Mark(CatalogueQuery.Country, doc.Country, i);
            Mark(CatalogueQuery.Ongoing, doc.Ongoing ? "true" : "false", i);
            Mark(CatalogueQuery.TakenUp, TransfersOf(doc.Id) > 0 ? "true" : "false", i);
            foreach (var field in doc.Fields)
            {
                Mark(CatalogueQuery.Field, field, i);
            }
            foreach (var group in doc.TargetGroups)
            {
                Mark(CatalogueQuery.TargetGroup, group, i);
            }
            foreach (var text in doc.Texts)
            {
                Mark(CatalogueQuery.TextLanguage, text.Language, i);
                textLanguages.Add(text.Language);
            }
        }
        _stems = stems.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _textLanguages = textLanguages.ToArray();
        _tokens = postings.Keys.Order(StringComparer.Ordinal).ToArray();
        _postings = _tokens.Select(t => postings[t].ToArray()).ToArray();
        _byNewest = Enumerable.Range(0, _docs.Length).OrderByDescending(i => _docs[i].PublishedAt).ThenBy(i => _docs[i].Id, StringComparer.Ordinal).ToArray();
        var names = _docs.Select(d => TextFolding.Fold(d.TextFor(null).Name)).ToArray();
        _byName = Enumerable.Range(0, _docs.Length).OrderBy(i => names[i], StringComparer.Ordinal).ThenBy(i => _docs[i].Id, StringComparer.Ordinal).ToArray();
        _byTransfers = _byNewest.OrderByDescending(i => TransfersOf(_docs[i].Id)).ToArray();
    }

    /// <summary>How many other partners took up the practice.</summary>
    public int TransfersOf(string id) => _transfers.GetValueOrDefault(id);

    public long Version { get; }

    public int Count => _docs.Length;

    public IReadOnlyList<CatalogueDocument> Documents => _docs;

    public CatalogueDocument? Find(string id) => _byId.TryGetValue(id, out var i) ? _docs[i] : null;

    public IEnumerable<CatalogueDocument> Newest() => _byNewest.Select(i => _docs[i]);

    public CataloguePage Search(CatalogueQuery query)
    {
        var text = TextMatches(query.Text, query.Language);
        var facetBits = CatalogueQuery.Facets.ToDictionary(f => f, f => query.Filters.TryGetValue(f, out var values) && values.Count > 0 ? Union(f, values) : null);

        var result = (ulong[])text.Clone();
        foreach (var bits in facetBits.Values.OfType<ulong[]>())
        {
            And(result, bits);
        }

        // Counts for each facet ignore that facet's own selection, so choosing one value
        // still shows how many the other values of the same facet would give.
        List<FacetValue> Count(string facet)
        {
            var basis = (ulong[])text.Clone();
            foreach (var (other, bits) in facetBits)
            {
                if (other != facet && bits is not null)
                {
                    And(basis, bits);
                }
            }
            var selected = query.Filters.TryGetValue(facet, out var s) ? s : [];
            return _facets[facet]
                .Select(kv => new FacetValue(kv.Key, PopCountAnd(basis, kv.Value)))
                .Where(v => v.Count > 0 || selected.Contains(v.Value))
                .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)
                .ToList();
        }

        var total = PopCount(result);
        var items = new List<CatalogueItem>(query.PageSize);
        var skip = (query.Page - 1) * query.PageSize;
        foreach (var i in query.Sort switch { CatalogueSort.Name => _byName, CatalogueSort.Transfers => _byTransfers, _ => _byNewest })
        {
            if ((result[i >> 6] & (1UL << (i & 63))) == 0)
            {
                continue;
            }
            if (skip-- > 0)
            {
                continue;
            }
            items.Add(Item(_docs[i], query.Language) with { Transfers = TransfersOf(_docs[i].Id) });
            if (items.Count == query.PageSize)
            {
                break;
            }
        }
        var facets = new CatalogueFacets(Count(CatalogueQuery.Country), Count(CatalogueQuery.Field), Count(CatalogueQuery.TargetGroup),
            Count(CatalogueQuery.TextLanguage), Count(CatalogueQuery.Ongoing), Count(CatalogueQuery.TakenUp));
        return new CataloguePage(total, query.Page, query.PageSize, items, facets);
    }

    /// <summary>A practice as lists show it, in the reader's language where there is a version in it.</summary>
    public static CatalogueItem Item(CatalogueDocument d, string? language)
    {
        var text = d.TextFor(language);
        var summary = text.Description.Length <= 240 ? text.Description : text.Description[..240].TrimEnd() + "…";
        return new CatalogueItem(d.Id, text.Name, summary, text.Language, d.City, d.Country, d.OrganisationId, d.OrganisationName,
            d.StartYear, d.EndYear, d.Ongoing, d.Fields, d.TargetGroups, d.Texts.Select(t => t.Language).ToList(), d.PublishedAt);
    }

    /// <summary>
    /// Documents holding, for every loose word of the query, a word that starts with it or a word
    /// of the same stem (stemmed in the reader's language and in each language texts are written
    /// in), and every quoted phrase word for word.
    /// </summary>
    private ulong[] TextMatches(string? text, string? readerLanguage)
    {
        var all = new ulong[_words];
        var query = Stemming.Parse(text, readerLanguage is null ? _textLanguages : [readerLanguage, .. _textLanguages]);
        Array.Fill(all, ulong.MaxValue);
        foreach (var term in query.Terms)
        {
            var bits = new ulong[_words];
            for (var t = LowerBound(term.Word); t < _tokens.Length && _tokens[t].StartsWith(term.Word, StringComparison.Ordinal); t++)
            {
                Set(bits, _postings[t]);
            }
            foreach (var stem in term.Stems)
            {
                if (_stems.TryGetValue(stem, out var docs))
                {
                    Set(bits, docs);
                }
            }
            And(all, bits);
        }
        foreach (var phrase in query.Phrases)
        {
            foreach (var word in phrase)
            {
                var t = LowerBound(word);
                var bits = new ulong[_words];
                if (t < _tokens.Length && _tokens[t] == word)
                {
                    Set(bits, _postings[t]);
                }
                And(all, bits);
            }
            // The words are all there; keep the documents where they stand together.
            for (var i = 0; i < _docs.Length; i++)
            {
                if ((all[i >> 6] & (1UL << (i & 63))) != 0 && !Texts(_docs[i]).Any(f => Stemming.ContainsPhrase(f, phrase)))
                {
                    all[i >> 6] &= ~(1UL << (i & 63));
                }
            }
        }
        return all;
    }

    private static void Set(ulong[] bits, int[] docs)
    {
        foreach (var doc in docs)
        {
            bits[doc >> 6] |= 1UL << (doc & 63);
        }
    }

    private static void Post(Dictionary<string, List<int>> index, IEnumerable<string> tokens, int doc)
    {
        foreach (var token in tokens)
        {
            if (!index.TryGetValue(token, out var list))
            {
                index[token] = list = [];
            }
            list.Add(doc);
        }
    }

    private int LowerBound(string word)
    {
        int lo = 0, hi = _tokens.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (string.CompareOrdinal(_tokens[mid], word) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private ulong[] Union(string facet, IReadOnlyList<string> values)
    {
        var bits = new ulong[_words];
        foreach (var value in values)
        {
            if (_facets[facet].TryGetValue(value, out var valueBits))
            {
                for (var w = 0; w < _words; w++)
                {
                    bits[w] |= valueBits[w];
                }
            }
        }
        return bits;
    }

    private void Mark(string facet, string value, int doc)
    {
        if (!_facets[facet].TryGetValue(value, out var bits))
        {
            _facets[facet][value] = bits = new ulong[_words];
        }
        bits[doc >> 6] |= 1UL << (doc & 63);
    }

    private static void And(ulong[] target, ulong[] other)
    {
        for (var w = 0; w < target.Length; w++)
        {
            target[w] &= other[w];
        }
    }

    private int PopCount(ulong[] bits)
    {
        var count = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            // Bits past the last document are never set by facets, but "all" fills whole words.
            var word = w == bits.Length - 1 && _docs.Length % 64 != 0 ? bits[w] & ((1UL << (_docs.Length % 64)) - 1) : bits[w];
            count += BitOperations.PopCount(word);
        }
        return count;
    }

    private static int PopCountAnd(ulong[] a, ulong[] b)
    {
        var count = 0;
        for (var w = 0; w < a.Length; w++)
        {
            count += BitOperations.PopCount(a[w] & b[w]);
        }
        return count;
    }

    /// <summary>A practice's folded words, and their stems in each text's language (the labels of its terms in every language).</summary>
    private static (HashSet<string> Words, HashSet<string> Stems) Tokens(CatalogueDocument doc)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? s, string? language)
        {
            if (!string.IsNullOrEmpty(s))
            {
                words.UnionWith(Split(TextFolding.Fold(s)));
                stems.UnionWith(Stemming.Stems(language, s));
            }
        }
        Add(doc.City, null);
        Add(doc.OrganisationName, null);
        foreach (var t in doc.Texts)
        {
            foreach (var field in TextFields(t))
            {
                Add(field, t.Language);
            }
        }
        foreach (var term in Terms(doc))
        {
            var (termWords, termStems) = TermTokens.GetOrAdd(term, Index);
            words.UnionWith(termWords);
            stems.UnionWith(termStems);
        }
        return (words, stems);
    }

    private static IEnumerable<string?> TextFields(CatalogueText t)
    {
        yield return t.Name;
        yield return t.Objectives;
        yield return t.Description;
        yield return t.Budget;
        yield return t.FundingSource;
        yield return t.Evaluation;
        foreach (var indicator in t.Indicators)
        {
            yield return indicator.Name;
            yield return indicator.Value;
        }
    }

    /// <summary>Every text a phrase may stand in.</summary>
    private static IEnumerable<string?> Texts(CatalogueDocument doc) =>
        [doc.City, doc.OrganisationName, .. doc.Texts.SelectMany(TextFields), .. Terms(doc).SelectMany(t => t.Labels.Values)];

    private static IEnumerable<Term> Terms(CatalogueDocument doc) =>
        doc.Fields.Select(f => Vocabulary.Fields.FirstOrDefault(t => t.Id == f))
            .Concat(doc.TargetGroups.Select(g => Vocabulary.TargetGroups.FirstOrDefault(t => t.Id == g)))
            .OfType<Term>();

    // Terms are few and shared by many practices: their words are worked out once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Term, (string[] Words, string[] Stems)> TermTokens = new();

    private static (string[] Words, string[] Stems) Index(Term term) =>
        (term.Labels.Values.SelectMany(l => Split(TextFolding.Fold(l))).Distinct(StringComparer.Ordinal).ToArray(),
         term.Labels.SelectMany(l => Stemming.Stems(l.Key, l.Value)).Distinct(StringComparer.Ordinal).ToArray());

    private static IEnumerable<string> Split(string folded) => TextFolding.Words(folded);
}
