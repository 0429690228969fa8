using Exchange.Common;
using Exchange.Organisations;

namespace Exchange.Materials;

/// <summary>
/// A material as the library searches it: its own words and stems, and the words of each
/// language's current file with their stems in that file's language.
/// </summary>
public sealed record LibraryEntry(Material Material, string OrganisationName, WordSet Words, WordSet Stems, IReadOnlyDictionary<string, WordSet> FileWords,
    IReadOnlyDictionary<string, WordSet> FileStems)
{
    /// <summary>Every query word (or a word of its stem) is in the material's facts or in one of its files, and so is every phrase's every word.</summary>
    public bool Matches(SearchQuery query) =>
        query.Terms.All(t => Has(Words, Stems, t) || FileWords.Any(f => Has(f.Value, FileStems[f.Key], t)))
        && query.Phrases.SelectMany(p => p).All(w => Words.Contains(w) || FileWords.Values.Any(f => f.Contains(w)));

    /// <summary>The languages whose file (its text, name or title in that language) holds every query word.</summary>
    public IReadOnlyList<string> MatchedLanguages(SearchQuery query) =>
        query.IsEmpty ? [] : FileWords
            .Where(f => query.Terms.All(t => Has(f.Value, FileStems[f.Key], t)) && query.Phrases.SelectMany(p => p).All(f.Value.Contains))
            .Select(f => f.Key).Order(StringComparer.Ordinal).ToList();

    private static bool Has(WordSet words, WordSet stems, SearchTerm term) =>
        words.ContainsPrefix(term.Word) || term.Stems.Any(stems.Contains);
}

public sealed record LibrarySnapshot(string Version, IReadOnlyList<LibraryEntry> Entries)
{
    /// <summary>The languages the library's versions are written in.</summary>
    public IReadOnlyList<string> Languages { get; } = Entries.SelectMany(e => e.FileWords.Keys).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>
/// The library held in memory between changes. Each read checks the version marker (one point
/// read) and rebuilds only when a material, a file or a file's words changed since, so every
/// instance sees uploads at once without reading all materials per request.
/// </summary>
public sealed class MaterialLibrary(MaterialStore store, OrganisationStore organisations)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile LibrarySnapshot? _snapshot;

    public async Task<LibrarySnapshot> SnapshotAsync(CancellationToken ct)
    {
        var version = await store.LibraryVersionAsync(ct);
        if (_snapshot is { } current && current.Version == version)
        {
            return current;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_snapshot is { } again && again.Version == version)
            {
                return again;
            }
            // The marker was read before the data, so the data is at least as new as the marker.
            var snapshot = await LoadAsync(version, ct);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<LibrarySnapshot> LoadAsync(string version, CancellationToken ct)
    {
        var materials = store.ListAsync(ct);
        var texts = store.ListTextsAsync(ct);
        var names = (await organisations.ListAsync(ct)).ToDictionary(o => o.Id, o => o.Name);
        var words = (await texts).ToDictionary(t => t.BlobName, t => WordSet.From(t.Words));
        var entries = (await materials).Select(m =>
        {
            var organisation = names.GetValueOrDefault(m.OrganisationId, m.OrganisationId);
            var fileWords = m.Files.ToDictionary(f => f.Language, f => WordSet.From(
                (words.GetValueOrDefault(f.BlobName) ?? WordSet.Empty).Words.Concat(WordSet.Of(m.TitleIn(f.Language), f.FileName).Words)));
            // A document's stored words are already folded; each is stemmed in its version's language.
            var fileStems = fileWords.ToDictionary(f => f.Key, f => WordSet.From(f.Value.Words.SelectMany(w => Stemming.Stems(f.Key, w))));
            var stems = WordSet.From(m.Facts.Titles.SelectMany(t => Stemming.Stems(t.Key, t.Value)).Concat(Stemming.Stems(m.Facts.Language, m.Facts.Description)));
            return new LibraryEntry(m, organisation, WordSet.Of([.. m.Facts.Titles.Values, m.Facts.Description, organisation]), stems, fileWords, fileStems);
        }).ToList();
        return new LibrarySnapshot(version, entries);
    }
}
