using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Common;
using Exchange.Practices;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Unit;

/// <summary>
/// Every supported language has its catalogues, with every key English has and none it lacks, and
/// English has no key the site never asks for. New strings from any branch fail here until each
/// language has them.
/// </summary>
public sealed partial class LanguageCatalogueTests
{
    private static readonly string I18n = Path.Combine(Repository.Root, "web", "src", "i18n");

    public static TheoryData<string> Languages() => [.. SupportedLanguages.Codes];

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_site_catalogue_has_exactly_the_english_keys(string code)
    {
        var path = Path.Combine(I18n, $"{code}.ts");
        Assert.True(File.Exists(path), $"web/src/i18n/{code}.ts is missing");
        var english = Entries(Path.Combine(I18n, "en.ts"));
        var entries = Entries(path);
        var missing = english.Keys.Except(entries.Keys).ToList();
        var extra = entries.Keys.Except(english.Keys).ToList();
        Assert.True(missing.Count == 0, $"{code}.ts lacks: {string.Join(", ", missing)}");
        Assert.True(extra.Count == 0, $"{code}.ts has keys English lacks: {string.Join(", ", extra)}");
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"{code}.ts: {e.Key} is empty"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_site_catalogue_keeps_every_placeholder_of_english(string code)
    {
        var english = Entries(Path.Combine(I18n, "en.ts"));
        foreach (var (key, text) in Entries(Path.Combine(I18n, $"{code}.ts")))
        {
            if (english.TryGetValue(key, out var source))
            {
                Assert.True(Placeholders(source).SetEquals(Placeholders(text)), $"{code}.ts: {key} has other placeholders than English");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_server_catalogue_has_exactly_the_english_keys_and_placeholders(string code)
    {
        var raw = Texts.Raw();
        var english = raw["en"];
        var texts = raw[code];
        var missing = english.Keys.Except(texts.Keys).ToList();
        var extra = texts.Keys.Except(english.Keys).ToList();
        Assert.True(missing.Count == 0, $"functions/Common/Texts/{code}.json lacks: {string.Join(", ", missing)}");
        Assert.True(extra.Count == 0, $"functions/Common/Texts/{code}.json has keys English lacks: {string.Join(", ", extra)}");
        foreach (var (key, text) in texts)
        {
            Assert.True(Placeholders(english[key]).SetEquals(Placeholders(text)), $"{code}.json: {key} has other placeholders than English");
        }
        Assert.Equal(12, texts["date.months"].Split(',').Length);
    }

    [Fact]
    public async Task Plural_forms_placeholders_and_numbers_read_right_in_romanian_bulgarian_and_icelandic()
    {
        // The site's own formatter on its real catalogues, run by Node (web/scripts/check-messages.mjs).
        using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", ["web/scripts/check-messages.mjs"])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, errors + await output);
    }

    [Fact]
    public void Every_english_entry_is_used_by_the_site()
    {
        var source = string.Concat(Directory.EnumerateFiles(Path.Combine(Repository.Root, "web", "src"), "*.ts", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}i18n{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        // Keys built at run time: t(`mob.status.${status}`) uses every key under "mob.status.".
        var prefixes = DynamicKey().Matches(source).Select(m => m.Groups[1].Value).ToList();
        var unused = Entries(Path.Combine(I18n, "en.ts")).Keys
            .Where(k => !source.Contains($"'{k}'", StringComparison.Ordinal) && !source.Contains($"\"{k}\"", StringComparison.Ordinal)
                && !prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .ToList();
        Assert.True(unused.Count == 0, $"en.ts entries never used: {string.Join(", ", unused)}");
    }

    [Fact]
    public void The_language_list_is_the_one_the_site_and_the_api_read()
    {
        using var list = JsonDocument.Parse(File.ReadAllText(Path.Combine(I18n, "languages.json")));
        Assert.Equal(list.RootElement.EnumerateArray().Select(l => l.GetProperty("code").GetString()), SupportedLanguages.Codes);
        Assert.Equal(["en", "it", "es", "fr", "de", "ro", "bg", "fi", "sv", "nb", "is"], SupportedLanguages.Codes);
        Assert.All(SupportedLanguages.Codes, c => Assert.Contains(c, Vocabulary.Languages));
        Assert.All(Vocabulary.Fields.Concat(Vocabulary.TargetGroups), term => Assert.Equal(SupportedLanguages.Codes.Order(), term.Labels.Keys.Order()));
    }

    [Fact]
    public void Vocabulary_labels_differ_from_english_in_each_other_language()
    {
        foreach (var code in SupportedLanguages.Codes.Where(c => c != "en"))
        {
            var same = Vocabulary.Fields.Concat(Vocabulary.TargetGroups).Count(t => t.Labels[code] == t.En);
            Assert.True(same <= 2, $"{code}: {same} vocabulary labels are the English ones");
        }
    }

    /// <summary>The entries of a catalogue module: one <c>'key': 'text'</c> (or "text", or `text`) per entry, possibly over two lines.</summary>
    internal static Dictionary<string, string> Entries(string path)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Entry().Matches(File.ReadAllText(path)))
        {
            var text = m.Groups["s"].Success ? m.Groups["s"].Value : m.Groups["d"].Success ? m.Groups["d"].Value : m.Groups["b"].Value;
            Assert.True(entries.TryAdd(m.Groups["key"].Value, text), $"{Path.GetFileName(path)}: {m.Groups["key"].Value} appears twice");
        }
        return entries;
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^\s*'(?<key>[\w.\-]+)':\s*(?:'(?<s>(?:[^'\\]|\\.)*)'|""(?<d>(?:[^""\\]|\\.)*)""|`(?<b>[^`]*)`)", RegexOptions.Multiline)]
    private static partial Regex Entry();

    [GeneratedRegex(@"\{(\w+)[,}]")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"t\(\s*`([\w.\-]+)\$\{")]
    private static partial Regex DynamicKey();
}
