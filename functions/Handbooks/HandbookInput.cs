using Exchange.Common;
using Exchange.Practices;

namespace Exchange.Handbooks;

public sealed record IntroductionInput(string? Language, string? Text);

public sealed record EntryInput(string? PracticeId, string? Language);

public sealed record ChapterInput(Dictionary<string, string>? Titles, List<EntryInput>? Practices);

public sealed record HandbookInput(
    string? Title, List<IntroductionInput>? Introductions, List<ChapterInput>? Chapters, DateOnly? Date, string? OrganisationId, string? Licence);

public sealed record HandbookFields(
    string Title, List<HandbookIntroduction> Introductions, List<HandbookChapter> Chapters, DateOnly Date, string OrganisationId, string Licence);

/// <summary>The rules for composing a handbook, naming the field at fault.</summary>
public static class HandbookRules
{
    public const int MaxChapters = 50;
    public const int MaxPractices = 200;

    public static HandbookFields? Check(Validator v, HandbookInput input, IReadOnlySet<string> organisations, Func<string, Practice?> practice)
    {
        var title = v.RequiredText("title", input.Title, 200, 3);
        var introductions = new List<HandbookIntroduction>();
        if (input.Introductions is not { Count: > 0 })
        {
            v.Add("introductions", "Write the introduction in at least one language: the handbook is made in each language it has one in.");
        }
        else
        {
            for (var i = 0; i < input.Introductions.Count; i++)
            {
                var language = Vocabulary.NormaliseLanguage(input.Introductions[i]?.Language?.Trim());
                if (language is null)
                {
                    v.Add($"introductions[{i}].language", "Choose one of the partnership's languages.");
                }
                else if (introductions.Any(x => x.Language == language))
                {
                    v.Add($"introductions[{i}].language", "Each language once.");
                }
                var text = v.RequiredText($"introductions[{i}].text", input.Introductions[i]?.Text, 20_000);
                if (language is not null && text is not null)
                {
                    introductions.Add(new HandbookIntroduction(language, text));
                }
            }
        }
        var chapters = new List<HandbookChapter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (input.Chapters is not { Count: > 0 } || input.Chapters.All(c => c?.Practices is not { Count: > 0 }))
        {
            v.Add("chapters", "Include at least one published practice.");
        }
        else if (input.Chapters.Count > MaxChapters || input.Chapters.Sum(c => c?.Practices?.Count ?? 0) > MaxPractices)
        {
            v.Add("chapters", $"At most {MaxChapters} chapters and {MaxPractices} practices.");
        }
        else
        {
            for (var c = 0; c < input.Chapters.Count; c++)
            {
                var chapter = input.Chapters[c];
                var titles = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (code, text) in chapter?.Titles ?? [])
                {
                    var language = Vocabulary.NormaliseLanguage(code);
                    var clean = v.RequiredText($"chapters[{c}].titles.{code}", text, 200);
                    if (language is null)
                    {
                        v.Add($"chapters[{c}].titles", $"{code} is not one of the partnership's languages.");
                    }
                    else if (clean is not null)
                    {
                        titles[language] = clean;
                    }
                }
                if (titles.Count == 0)
                {
                    v.Add($"chapters[{c}].titles", "Give the chapter a title.");
                }
                var entries = new List<HandbookEntry>();
                if (chapter?.Practices is not { Count: > 0 })
                {
                    v.Add($"chapters[{c}].practices", "Put at least one practice in the chapter, or leave the chapter out.");
                }
                for (var p = 0; p < (chapter?.Practices?.Count ?? 0); p++)
                {
                    var entry = chapter!.Practices![p];
                    var field = $"chapters[{c}].practices[{p}]";
                    var id = entry?.PracticeId?.Trim();
                    var found = string.IsNullOrEmpty(id) ? null : practice(id);
                    if (string.IsNullOrEmpty(id))
                    {
                        v.Add($"{field}.practiceId", "Choose a practice.");
                    }
                    else if (found is null)
                    {
                        v.Add($"{field}.practiceId", $"There is no practice {id}.");
                    }
                    else if (found.Published is null)
                    {
                        v.Add($"{field}.practiceId", $"\"{found.Working.Original.Text.Name}\" is not published; only published practices go into a handbook.");
                    }
                    else if (!seen.Add(found.Id))
                    {
                        v.Add($"{field}.practiceId", "This practice is in the handbook already.");
                    }
                    string? version = null;
                    if (!string.IsNullOrWhiteSpace(entry?.Language))
                    {
                        version = Vocabulary.NormaliseLanguage(entry.Language.Trim());
                        if (version is null || (found?.Published is { } published && published.Texts.All(t => t.Language != version)))
                        {
                            v.Add($"{field}.language", "The practice has no version in this language.");
                        }
                    }
                    if (found is not null)
                    {
                        entries.Add(new HandbookEntry(found.Id, version));
                    }
                }
                chapters.Add(new HandbookChapter(titles, entries));
            }
        }
        if (input.Date is null)
        {
            v.Add("date", "Give the handbook's date.");
        }
        var organisationId = v.RequiredText("organisationId", input.OrganisationId, 100);
        if (organisationId is not null && !organisations.Contains(organisationId))
        {
            v.Add("organisationId", "Choose the partner that publishes the handbook in the library.");
        }
        var licence = string.IsNullOrWhiteSpace(input.Licence) ? "CC-BY-4.0" : Vocabulary.FindLicence(input.Licence)?.Id;
        if (licence is null)
        {
            v.Add("licence", "Choose one of the licences.");
        }
        return v.IsValid ? new HandbookFields(title!, introductions, chapters, input.Date!.Value, organisationId!, licence!) : null;
    }
}
