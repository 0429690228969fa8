using System.Net.Mail;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Common;

/// <summary>
/// Collects field errors; each rule names the field it checks. Each message has a stable code
/// beside it (<see cref="ProblemCodes"/>), by which the site says it in the reader's language.
/// </summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _codes = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string message, string code = ProblemCodes.Invalid)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
            _codes[field] = [];
        }
        list.Add(message);
        _codes[field].Add(code);
        return this;
    }

    public string? RequiredText(string field, string? value, int maxLength, int minLength = 1)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (minLength > 0)
            {
                Add(field, "This field is required.", ProblemCodes.Required);
            }
            return trimmed;
        }
        return CheckText(field, trimmed, maxLength, minLength);
    }

    public string? OptionalText(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : CheckText(field, trimmed, maxLength, 0);
    }

    private string CheckText(string field, string value, int maxLength, int minLength)
    {
        if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.", ProblemCodes.TooLong(maxLength));
        }
        else if (value.Length < minLength)
        {
            Add(field, $"At least {minLength} characters.", ProblemCodes.TooShort(minLength));
        }
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            Add(field, "Control characters are not allowed.", ProblemCodes.ControlCharacters);
        }
        return value;
    }

    public string? Email(string field, string? value)
    {
        var normalised = EmailAddress.Normalise(value);
        if (normalised is null)
        {
            Add(field, "Enter a valid e-mail address.", ProblemCodes.Email);
        }
        return normalised;
    }

    public Uri? OptionalHttpUrl(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (value.Length > 500 || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            Add(field, "Enter a full web address starting with https://.", ProblemCodes.Url);
            return null;
        }
        return uri;
    }

    public T? OneOf<T>(string field, string? value, IReadOnlyCollection<T> allowed, Func<T, string> key) where T : class
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "This field is required.", ProblemCodes.Required);
            return null;
        }
        var match = allowed.FirstOrDefault(a => string.Equals(key(a), value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Add(field, "This value is not one of the allowed values.", ProblemCodes.NotAllowed);
        }
        return match;
    }

    public ProblemHttpResult ToProblem() =>
        Problems.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
            _codes.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}

/// <summary>
/// The stable codes of validation errors, sent beside the English messages in the ProblemDetails'
/// <c>codes</c> member (field → codes). A code with a number carries it after a colon
/// (<c>too-long:120</c>). Clients translate codes; the messages stay for those that show English.
/// </summary>
public static class ProblemCodes
{
    public const string Invalid = "invalid";
    public const string Required = "required";
    public const string ControlCharacters = "control-characters";
    public const string Email = "email";
    public const string Url = "url";
    public const string NotAllowed = "not-allowed";
    public const string Language = "language";
    public const string Country = "country";
    public const string Organisation = "organisation";
    public const string Phone = "phone";
    public const string Date = "date";
    public const string Year = "year";
    public const string EndBeforeStart = "end-before-start";

    public static string TooLong(int max) => $"too-long:{max}";

    public static string TooShort(int min) => $"too-short:{min}";
}

public static class EmailAddress
{
    /// <summary>Lower-cased, trimmed address, or null when it is not a plausible single mailbox.</summary>
    public static string? Normalise(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254 || trimmed.Any(char.IsWhiteSpace) ||
            trimmed.Any(char.IsControl) || trimmed.Contains(',') || trimmed.Contains(';'))
        {
            return null;
        }
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || address.DisplayName.Length > 0)
        {
            return null;
        }
        var at = trimmed.LastIndexOf('@');
        var domain = trimmed[(at + 1)..];
        if (at < 1 || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return null;
        }
        return trimmed.ToLowerInvariant();
    }
}
