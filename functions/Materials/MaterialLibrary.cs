using Exchange.Organisations;

namespace Exchange.Materials;

/// <summary>A material as the library searches it: its own words and the words of each language's current file.</summary>
public sealed record LibraryEntry(Material Material, string OrganisationName, WordSet Words, IReadOnlyDictionary<string, WordSet> FileWords)
{
    /// <summary>Every query word is in the material's facts or in one of its files.</summary>
    public bool Matches(IReadOnlyList<string> words) =>
        words.All(w => Words.ContainsPrefix(w) || FileWords.Values.Any(f => f.ContainsPrefix(w)));

    /// <summary>The languages whose file (its text, name or title in that language) holds every query word.</summary>
    public IReadOnlyList<string> MatchedLanguages(IReadOnlyList<string> words) =>
        words.Count == 0 ? [] : FileWords.Where(f => f.Value.ContainsAll(words)).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
}

public sealed record LibrarySnapshot(string Version, IReadOnlyList<LibraryEntry> Entries);

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
            return new LibraryEntry(m, organisation, WordSet.Of([.. m.Facts.Titles.Values, m.Facts.Description, organisation]), fileWords);
        }).ToList();
        return new LibrarySnapshot(version, entries);
    }
}
