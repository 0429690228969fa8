using Exchange.Common;
using Exchange.Organisations;

namespace Exchange.Practices;

public sealed record IndicatorInput(string? Name, string? Value);

public sealed record TextInput(string? Name, string? Objectives, string? Description, string? Budget, string? FundingSource, string? Evaluation, List<IndicatorInput>? Indicators);

public sealed record PracticeInput(
    string? OrganisationId, string? Language, string? Country, string? City, int? StartYear, int? EndYear, bool? Ongoing,
    List<string>? Fields, List<string>? TargetGroups, decimal? BudgetAmount, string? BudgetCurrency, int? BudgetYear,
    bool? ContactVisible, string? ContactName, string? ContactEmail, string? ContactPhone, TextInput? Text);

public sealed record CommentInput(string? Comment);

/// <summary>The template's limits. Each rule names the field it checks, with dotted paths inside the text.</summary>
public static class PracticeRules
{
    public const int FirstYear = 1950;
    public const int MaxIndicators = 20;

    public static PracticeFacts? Facts(Validator v, PracticeInput input, int currentYear)
    {
        var language = Vocabulary.NormaliseLanguage(input.Language);
        if (language is null)
        {
            v.Add("language", "Choose the language of the text from the list.", ProblemCodes.Language);
        }
        var country = Countries.Normalise(input.Country);
        if (country is null)
        {
            v.Add("country", "Choose a country from the list.", ProblemCodes.Country);
        }
        var city = v.RequiredText("city", input.City, 100);
        var lastYear = currentYear + 1;
        if (input.StartYear is not { } start || start < FirstYear || start > lastYear)
        {
            v.Add("startYear", $"Give the start year, between {FirstYear} and {lastYear}.");
        }
        var ongoing = input.Ongoing ?? input.EndYear is null;
        if (ongoing && input.EndYear is not null)
        {
            v.Add("endYear", "An ongoing practice has no end year.");
        }
        else if (!ongoing && input.EndYear is not { } end)
        {
            v.Add("endYear", "Give the end year, or mark the practice as ongoing.");
        }
        else if (!ongoing && (input.EndYear < FirstYear || input.EndYear > lastYear))
        {
            v.Add("endYear", $"The end year must be between {FirstYear} and {lastYear}.");
        }
        else if (!ongoing && input.StartYear is { } s && input.EndYear < s)
        {
            v.Add("endYear", "The end year cannot come before the start year.", ProblemCodes.EndBeforeStart);
        }
        var fields = Terms(v, "fields", input.Fields, Vocabulary.FieldIds);
        var groups = Terms(v, "targetGroups", input.TargetGroups, Vocabulary.TargetGroupIds);
        if (input.BudgetAmount is < 0 or > 1_000_000_000_000m)
        {
            v.Add("budgetAmount", "The amount must be zero or more.");
        }
        var currency = input.BudgetCurrency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency))
        {
            currency = null;
        }
        else if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            v.Add("budgetCurrency", "Choose a currency from the list, such as euro (EUR).");
        }
        if (input.BudgetAmount is not null && currency is null)
        {
            v.Add("budgetCurrency", "Give the currency of the amount.");
        }
        if (input.BudgetYear is { } year && (year < FirstYear || year > lastYear))
        {
            v.Add("budgetYear", $"The budget year must be between {FirstYear} and {lastYear}.");
        }
        var contactName = v.OptionalText("contactName", input.ContactName, 200);
        string? contactEmail = null;
        if (!string.IsNullOrWhiteSpace(input.ContactEmail))
        {
            contactEmail = v.Email("contactEmail", input.ContactEmail);
        }
        var contactPhone = v.OptionalText("contactPhone", input.ContactPhone, 40);
        if (contactPhone is not null && !contactPhone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.' or '/'))
        {
            v.Add("contactPhone", "Use digits, spaces and + - ( ) only.", ProblemCodes.Phone);
        }
        return v.IsValid
            ? new PracticeFacts(language!, country!, city!, input.StartYear!.Value, ongoing ? null : input.EndYear, ongoing, fields, groups,
                input.BudgetAmount, currency, input.BudgetYear, input.ContactVisible ?? false, contactName, contactEmail, contactPhone)
            : null;
    }

    public static PracticeText? Text(Validator v, TextInput? input, string prefix = "text.")
    {
        if (input is null)
        {
            v.Add(prefix.TrimEnd('.'), "The text of the practice is required.");
            return null;
        }
        var name = v.RequiredText(prefix + "name", input.Name, 200, 3);
        var objectives = v.RequiredText(prefix + "objectives", input.Objectives, 4000);
        var description = v.RequiredText(prefix + "description", input.Description, 8000);
        var budget = v.OptionalText(prefix + "budget", input.Budget, 1000);
        var funding = v.OptionalText(prefix + "fundingSource", input.FundingSource, 500);
        var evaluation = v.RequiredText(prefix + "evaluation", input.Evaluation, 6000);
        var indicators = new List<Indicator>();
        if (input.Indicators is { Count: > MaxIndicators })
        {
            v.Add(prefix + "indicators", $"At most {MaxIndicators} indicators.");
        }
        else
        {
            for (var i = 0; i < (input.Indicators?.Count ?? 0); i++)
            {
                var indicator = input.Indicators![i];
                var indicatorName = v.RequiredText($"{prefix}indicators[{i}].name", indicator?.Name, 200);
                var value = v.OptionalText($"{prefix}indicators[{i}].value", indicator?.Value, 100);
                indicators.Add(new Indicator(indicatorName ?? "", value));
            }
        }
        return v.IsValid ? new PracticeText(name!, objectives!, description!, budget, funding, evaluation!, indicators) : null;
    }

    private static List<string> Terms(Validator v, string field, List<string>? values, IReadOnlySet<string> allowed)
    {
        if (values is null || values.Count == 0)
        {
            v.Add(field, "Choose at least one.");
            return [];
        }
        if (values.Count > allowed.Count || values.Distinct().Count() != values.Count)
        {
            v.Add(field, "Each value may be chosen once.");
        }
        foreach (var value in values)
        {
            if (value is null || !allowed.Contains(value))
            {
                v.Add(field, $"'{value}' is not one of the allowed values.");
            }
        }
        return values.Distinct().ToList();
    }
}
