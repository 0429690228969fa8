using System.Text.Json;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Unit;

/// <summary>
/// What the built site makes a visitor download, read from Vite's manifest (<c>web/dist/.vite/manifest.json</c>):
/// a public page loads the entry, its own chunk and their static imports, and none of that is editor or admin code.
/// </summary>
public sealed class SiteBundleTests
{
    /// <summary>The pages anyone may open without signing in.</summary>
    public static readonly TheoryData<string> PublicPages = new(
        "src/pages/home.ts", "src/pages/practices.ts", "src/pages/practice.ts", "src/pages/materials.ts",
        "src/pages/partners.ts", "src/pages/partner.ts", "src/pages/essays.ts", "src/pages/twinnings.ts",
        "src/pages/twinning.ts", "src/pages/privacy.ts", "src/pages/not-found.ts");

    /// <summary>Modules only signed-in editors, coordinators or participants' links need: forms, uploads, moderation, administration.</summary>
    private static readonly string[] EditorModules =
        ["practice-form", "material-form", "material-upload", "blob-upload", "mobility-form", "twinning-forms", "organisations"];

    private static bool IsEditorOrAdmin(Chunk chunk) =>
        chunk.Src is { } src && (src.StartsWith("src/pages/admin-", StringComparison.Ordinal) || src.StartsWith("src/pages/my-", StringComparison.Ordinal)
            || src == "src/pages/twinning-edit.ts" || src.StartsWith("src/pages/participant-", StringComparison.Ordinal))
        || EditorModules.Contains(chunk.Name);

    [Theory]
    [MemberData(nameof(PublicPages))]
    public void A_public_pages_first_load_holds_no_editor_or_admin_module_and_no_language_but_its_own(string page)
    {
        var manifest = Manifest.Read();
        var entry = manifest.Chunks.Values.Single(c => c.IsEntry);
        Assert.True(manifest.Chunks.ContainsKey(page), $"{page} should be a chunk of its own, loaded when its route is opened.");
        var loaded = manifest.StaticClosure([entry.Key, page]);

        var offending = loaded.Where(IsEditorOrAdmin).Select(c => c.Src ?? c.Name).ToList();
        Assert.True(offending.Count == 0, $"{page} loads {string.Join(", ", offending)} on first visit.");
        Assert.DoesNotContain(loaded, c => c.Src?.StartsWith("src/i18n/", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Editor_and_admin_pages_and_each_language_are_chunks_of_their_own_that_the_entry_loads_only_on_demand()
    {
        var manifest = Manifest.Read();
        var entry = manifest.Chunks.Values.Single(c => c.IsEntry);
        var dynamic = manifest.Chunks.Values.Where(c => c.IsDynamicEntry).Select(c => c.Src).ToHashSet();
        // The test would pass vacuously if these pages had been folded into the entry; they must be dynamic entries.
        foreach (var page in new[] { "src/pages/admin-outbox.ts", "src/pages/my-practice-edit.ts", "src/pages/my-material-edit.ts", "src/pages/admin-mobilities.ts" })
        {
            Assert.Contains(page, dynamic);
        }
        Assert.Contains("src/i18n/en.ts", dynamic);
        Assert.Contains("src/i18n/it.ts", dynamic);
        Assert.DoesNotContain(manifest.StaticClosure([entry.Key]), IsEditorOrAdmin);
    }

    private sealed record Chunk(string Key, string File, string? Src, string Name, bool IsEntry, bool IsDynamicEntry, IReadOnlyList<string> Imports);

    private sealed record Manifest(IReadOnlyDictionary<string, Chunk> Chunks)
    {
        public static Manifest Read()
        {
            var path = Path.Combine(Repository.WebDist, ".vite", "manifest.json");
            Assert.True(File.Exists(path), "web/dist/.vite/manifest.json is missing: ./test.sh builds the site first.");
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var chunks = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => new Chunk(
                p.Name,
                p.Value.GetProperty("file").GetString()!,
                p.Value.TryGetProperty("src", out var src) ? src.GetString() : null,
                p.Value.TryGetProperty("name", out var name) ? name.GetString()! : "",
                p.Value.TryGetProperty("isEntry", out var entry) && entry.GetBoolean(),
                p.Value.TryGetProperty("isDynamicEntry", out var dynamic) && dynamic.GetBoolean(),
                p.Value.TryGetProperty("imports", out var imports) ? imports.EnumerateArray().Select(i => i.GetString()!).ToList() : []));
            return new Manifest(chunks);
        }

        /// <summary>The chunks that load with these: each one's static imports, recursively (dynamic imports load later, on demand).</summary>
        public IReadOnlyList<Chunk> StaticClosure(IEnumerable<string> keys)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(keys);
            while (stack.TryPop(out var key))
            {
                if (seen.Add(key))
                {
                    foreach (var import in Chunks[key].Imports)
                    {
                        stack.Push(import);
                    }
                }
            }
            return seen.Select(k => Chunks[k]).ToList();
        }
    }
}
