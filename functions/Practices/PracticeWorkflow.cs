using System.Text.Json;
using Exchange.Common;

namespace Exchange.Practices;

/// <summary>
/// The moderation rules, as pure functions: draft → submitted → published, or changes
/// requested → resubmitted; a coordinator can unpublish. Every transition is recorded.
/// </summary>
public static class PracticeWorkflow
{
    public const int HistoryLimit = 200;

    public static Practice Create(string id, string organisationId, PracticeFacts facts, PracticeText text, string by, DateTimeOffset now) =>
        new(id, organisationId, PracticeStatus.Draft,
            new PracticeContent(facts, 1, [new LanguageVersion(facts.Language, true, null, text)]),
            null, null, now, null, [new HistoryEntry("created", by, now, null)], "");

    /// <summary>A new working copy. A changed original text is a new revision, which dates its translations.</summary>
    public static Practice Edit(Practice practice, PracticeFacts facts, PracticeText text, string by, DateTimeOffset now)
    {
        var working = practice.Working;
        var originalChanged = !SameJson(working.Original.Text, text) || working.Facts.Language != facts.Language;
        var revision = originalChanged ? working.Revision + 1 : working.Revision;
        var translations = working.Texts.Where(t => !t.IsOriginal && t.Language != facts.Language);
        var content = new PracticeContent(facts, revision, [new LanguageVersion(facts.Language, true, null, text), .. translations]);
        return Changed(practice, content, "edited", by, now);
    }

    public static Outcome<Practice> Translate(Practice practice, string language, PracticeText text, string by, DateTimeOffset now)
    {
        var working = practice.Working;
        if (language == working.Facts.Language)
        {
            return Outcome.Refuse("This is the language of the original text; edit the practice itself instead.");
        }
        var texts = working.Texts.Where(t => t.Language != language).Append(new LanguageVersion(language, false, working.Revision, text)).ToList();
        return Changed(practice, working with { Texts = texts }, "translated", by, now, language);
    }

    public static Outcome<Practice> RemoveTranslation(Practice practice, string language, string by, DateTimeOffset now)
    {
        var working = practice.Working;
        if (!working.Texts.Any(t => !t.IsOriginal && t.Language == language))
        {
            return Outcome.Refuse("There is no translation in this language.");
        }
        return Changed(practice, working with { Texts = working.Texts.Where(t => t.Language != language).ToList() }, "translation-removed", by, now, language);
    }

    public static Outcome<Practice> Submit(Practice practice, string by, DateTimeOffset now) =>
        practice.Status switch
        {
            PracticeStatus.Draft or PracticeStatus.Unpublished => Record(practice with { Status = PracticeStatus.Submitted }, "submitted", by, now, null),
            PracticeStatus.ChangesRequested => Record(practice with { Status = PracticeStatus.Submitted }, "resubmitted", by, now, null),
            _ => Outcome.Refuse($"A practice that is {Describe(practice.Status)} cannot be submitted."),
        };

    public static Outcome<Practice> RequestChanges(Practice practice, string comment, string by, DateTimeOffset now) =>
        practice.Status == PracticeStatus.Submitted
            ? Record(practice with { Status = PracticeStatus.ChangesRequested, LastComment = comment }, "changes-requested", by, now, comment)
            : Outcome.Refuse($"Changes can be requested only for a submitted practice; this one is {Describe(practice.Status)}.");

    public static Outcome<Practice> Publish(Practice practice, string by, DateTimeOffset now) =>
        practice.Status == PracticeStatus.Submitted
            ? Record(practice with { Status = PracticeStatus.Published, Published = practice.Working, PublishedAt = now, LastComment = null }, "published", by, now, null)
            : Outcome.Refuse($"Only a submitted practice can be published; this one is {Describe(practice.Status)}.");

    public static Outcome<Practice> Unpublish(Practice practice, string? comment, string by, DateTimeOffset now)
    {
        if (practice.Published is null)
        {
            return Outcome.Refuse("This practice is not published.");
        }
        var status = practice.Status == PracticeStatus.Published ? PracticeStatus.Unpublished : practice.Status;
        return Record(practice with { Status = status, Published = null, PublishedAt = null, LastComment = comment ?? practice.LastComment }, "unpublished", by, now, comment);
    }

    private static Practice Changed(Practice practice, PracticeContent content, string action, string by, DateTimeOffset now, string? comment = null)
    {
        // Any change to a practice under review or already public goes back through moderation.
        var status = practice.Status is PracticeStatus.Submitted or PracticeStatus.Published or PracticeStatus.Unpublished
            ? PracticeStatus.Draft
            : practice.Status;
        return Record(practice with { Working = content, Status = status }, action, by, now, comment);
    }

    private static Practice Record(Practice practice, string action, string by, DateTimeOffset now, string? comment) =>
        practice with
        {
            UpdatedAt = now,
            History = [.. practice.History.TakeLast(HistoryLimit - 1), new HistoryEntry(action, by, now, comment)],
        };

    public static string Describe(PracticeStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    private static bool SameJson<T>(T a, T b) =>
        JsonSerializer.Serialize(a, JsonDefaults.Options) == JsonSerializer.Serialize(b, JsonDefaults.Options);
}
