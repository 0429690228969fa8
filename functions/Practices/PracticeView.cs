namespace Exchange.Practices;

public sealed record TextView(
    string Language, bool IsOriginal, int? TranslatesRevision, bool OutOfDate, string Name, string Objectives, string Description,
    string? Budget, string? FundingSource, string Evaluation, IReadOnlyList<Indicator> Indicators);

/// <summary>What an editor sees of a practice: the working copy, its moderation state and history.</summary>
public sealed record PracticeView(
    string Id, string OrganisationId, string OrganisationName, PracticeStatus Status, bool IsPublished, bool HasPendingRevision, int Revision,
    string Language, string Country, string City, int StartYear, int? EndYear, bool Ongoing, IReadOnlyList<string> Fields, IReadOnlyList<string> TargetGroups,
    decimal? BudgetAmount, string? BudgetCurrency, int? BudgetYear, bool ContactVisible, string? ContactName, string? ContactEmail, string? ContactPhone,
    IReadOnlyList<TextView> Texts, string? LastComment, IReadOnlyList<HistoryEntry> History, string Etag)
{
    public static PracticeView From(Practice p, string organisationName)
    {
        var w = p.Working;
        var f = w.Facts;
        var texts = w.Texts.OrderByDescending(t => t.IsOriginal).ThenBy(t => t.Language, StringComparer.Ordinal)
            .Select(t => new TextView(t.Language, t.IsOriginal, t.TranslatesRevision, w.IsOutOfDate(t), t.Text.Name, t.Text.Objectives, t.Text.Description,
                t.Text.Budget, t.Text.FundingSource, t.Text.Evaluation, t.Text.Indicators))
            .ToList();
        return new PracticeView(p.Id, p.OrganisationId, organisationName, p.Status, p.Published is not null, p.HasPendingRevision, w.Revision,
            f.Language, f.Country, f.City, f.StartYear, f.EndYear, f.Ongoing, f.Fields, f.TargetGroups, f.BudgetAmount, f.BudgetCurrency, f.BudgetYear,
            f.ContactVisible, f.ContactName, f.ContactEmail, f.ContactPhone, texts, p.LastComment, p.History, p.ETag);
    }
}

public sealed record PracticeListItem(
    string Id, string Name, string OrganisationId, string OrganisationName, PracticeStatus Status, bool IsPublished, bool HasPendingRevision,
    DateTimeOffset UpdatedAt, IReadOnlyList<string> Languages);
