using System.Globalization;
using Exchange.Common;
using Exchange.Practices;
using Exchange.Reminders;

namespace Exchange.Twinning;

public sealed record TwinningTextInput(string? Language, string? Title, string? Description);

public sealed record PhaseInput(string? Name, DateOnly? StartDate, DateOnly? EndDate, string? Purpose, bool? Done);

public sealed record TwinningInput(
    List<TwinningTextInput>? Texts, string? Service, string? MentorOrganisationId, List<string>? LearnerOrganisationIds, string? PracticeId,
    List<string>? Regions, TwinningStatus? Status, List<PhaseInput>? Phases);

public sealed record MeetingInput(
    MeetingFormat? Format, string? Title, string? Agenda, string? Materials, bool? IsPublic, int? Capacity,
    string? StartsAt, string? TimeZone, int? DurationMinutes, string? JoinUrl,
    string? HostOrganisationId, string? Address, string? City, DateOnly? FirstDay, DateOnly? LastDay, List<string>? InvitedOrganisationIds);

public sealed record AttendeeInput(string? Name, string? Role, string? Email, string? Language);

public sealed record RegistrationInput(string? OrganisationId, List<AttendeeInput>? Attendees);

public sealed record UpdateInput(DateOnly? Date, string? Language, string? Title, string? Body, bool? Published);

public sealed record UpdateTranslationInput(string? Title, string? Body);

public sealed record OutcomeInput(Adoption? Adoption, string? Language, string? Practice, string? Started, string? FirstResults, List<IndicatorInput>? Indicators);

public sealed record ServiceInput(string? En, string? It);

/// <summary>A validated twinning, ready to store.</summary>
public sealed record TwinningFields(
    IReadOnlyList<TwinningText> Texts, string Service, string MentorOrganisationId, IReadOnlyList<string> LearnerOrganisationIds, string? PracticeId,
    IReadOnlyList<string> Regions, TwinningStatus Status, IReadOnlyList<Phase> Phases);

/// <summary>A validated meeting: the parts an edit replaces.</summary>
public sealed record MeetingFields(
    MeetingFormat Format, string Title, string? Agenda, string? Materials, bool IsPublic, int? Capacity, string TimeZone, DateTime? LocalStart,
    int? DurationMinutes, string? JoinUrl, string? HostOrganisationId, string? Address, string? City, DateOnly? FirstDay, DateOnly? LastDay,
    IReadOnlyList<string> InvitedOrganisationIds, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>The twinning rules. Each names the field it checks, with dotted paths inside lists.</summary>
public static class TwinningRules
{
    public const int MaxTexts = 12;
    public const int MaxLearners = 30;
    public const int MaxRegions = 30;
    public const int MaxPhases = 30;
    public const int MaxInvited = 60;
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>The languages of the partnership, in which its members write: the supported ones, and Norwegian however it is written.</summary>
    public static readonly IReadOnlySet<string> Languages = new SortedSet<string>(SupportedLanguages.Codes, StringComparer.Ordinal) { "nn", "no" };

    public static string? Language(Validator v, string field, string? value)
    {
        var code = value?.Trim().ToLowerInvariant();
        if (code is null || !Languages.Contains(code))
        {
            v.Add(field, $"Choose one of the partnership's languages: {string.Join(", ", Languages)}.", ProblemCodes.Language);
            return null;
        }
        return code;
    }

    public static TwinningFields? Twinning(Validator v, TwinningInput input, IReadOnlyCollection<ServiceTerm> services, IReadOnlySet<string> organisations, bool practicePublished)
    {
        var texts = new List<TwinningText>();
        if (input.Texts is not { Count: > 0 })
        {
            v.Add("texts", "Give the title in at least one language.");
        }
        else if (input.Texts.Count > MaxTexts)
        {
            v.Add("texts", $"At most {MaxTexts} languages.");
        }
        else
        {
            for (var i = 0; i < input.Texts.Count; i++)
            {
                var text = input.Texts[i];
                var language = Language(v, $"texts[{i}].language", text?.Language);
                var title = v.RequiredText($"texts[{i}].title", text?.Title, 200, 3);
                var description = v.OptionalText($"texts[{i}].description", text?.Description, 8000) ?? "";
                if (language is not null && texts.Any(t => t.Language == language))
                {
                    v.Add($"texts[{i}].language", "Each language may be given once.");
                }
                texts.Add(new TwinningText(language ?? "", title ?? "", description));
            }
        }
        var service = v.OneOf("service", input.Service, services, s => s.Id);
        var mentor = Organisation(v, "mentorOrganisationId", input.MentorOrganisationId, organisations, required: true);
        var learners = Organisations(v, "learnerOrganisationIds", input.LearnerOrganisationIds, organisations, MaxLearners);
        if (input.LearnerOrganisationIds is not { Count: > 0 })
        {
            v.Add("learnerOrganisationIds", "Choose at least one learning centre.");
        }
        if (mentor is not null && learners.Contains(mentor))
        {
            v.Add("learnerOrganisationIds", "The mentor centre cannot also be a learner.");
        }
        var practiceId = string.IsNullOrWhiteSpace(input.PracticeId) ? null : input.PracticeId.Trim();
        if (practiceId is not null && !practicePublished)
        {
            v.Add("practiceId", "Choose a published practice, or leave this empty.");
        }
        var regions = new List<string>();
        if (input.Regions is { Count: > MaxRegions })
        {
            v.Add("regions", $"At most {MaxRegions} regions or countries.");
        }
        else
        {
            for (var i = 0; i < (input.Regions?.Count ?? 0); i++)
            {
                if (v.RequiredText($"regions[{i}]", input.Regions![i], 100) is { } region && !regions.Contains(region))
                {
                    regions.Add(region);
                }
            }
        }
        var phases = new List<Phase>();
        if (input.Phases is { Count: > MaxPhases })
        {
            v.Add("phases", $"At most {MaxPhases} phases.");
        }
        else
        {
            for (var i = 0; i < (input.Phases?.Count ?? 0); i++)
            {
                var p = input.Phases![i];
                var name = v.RequiredText($"phases[{i}].name", p?.Name, 200);
                var purpose = v.OptionalText($"phases[{i}].purpose", p?.Purpose, 2000) ?? "";
                var (start, end) = Dates(v, $"phases[{i}].startDate", $"phases[{i}].endDate", p?.StartDate, p?.EndDate, "A phase");
                phases.Add(new Phase(name ?? "", start, end, purpose, p?.Done ?? false));
            }
        }
        return v.IsValid
            ? new TwinningFields(texts, service!.Id, mentor!, learners, practiceId, regions, input.Status ?? TwinningStatus.Planned, phases.OrderBy(p => p.StartDate).ToList())
            : null;
    }

    public static MeetingFields? Meeting(Validator v, MeetingInput input, IReadOnlyDictionary<string, string> organisationCountries, TwinningOptions options)
    {
        var title = v.RequiredText("title", input.Title, 200, 3);
        var agenda = v.OptionalText("agenda", input.Agenda, 4000);
        var materials = v.OptionalText("materials", input.Materials, 4000);
        if (input.Capacity is < 1 or > 10_000)
        {
            v.Add("capacity", "Give a number of seats between 1 and 10000, or leave it empty for no limit.");
        }
        string? zoneId = null;
        if (!string.IsNullOrWhiteSpace(input.TimeZone))
        {
            zoneId = input.TimeZone.Trim();
            if (zoneId.Length > 64 || HomeTimeZones.Find(zoneId) is null)
            {
                v.Add("timeZone", "Give an IANA time zone such as Europe/Rome.");
                zoneId = null;
            }
        }
        DateTime? localStart = null;
        string? join = null, host = null, address = null, city = null;
        DateOnly? first = null, last = null;
        var invited = new List<string>();
        DateTimeOffset starts = default, ends = default;
        switch (input.Format)
        {
            case null:
                v.Add("format", "Choose online or in-person.");
                break;
            case MeetingFormat.Online:
                Unused(v, "hostOrganisationId", input.HostOrganisationId);
                Unused(v, "address", input.Address);
                Unused(v, "city", input.City);
                Unused(v, "firstDay", input.FirstDay);
                Unused(v, "lastDay", input.LastDay);
                if (input.InvitedOrganisationIds is { Count: > 0 })
                {
                    v.Add("invitedOrganisationIds", "Only in-person meetings invite centres.");
                }
                if (!DateTime.TryParseExact(input.StartsAt?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    v.Add("startsAt", "Give the local date and time as yyyy-MM-ddTHH:mm.");
                }
                else if (DateOnly.FromDateTime(parsed) < Earliest || DateOnly.FromDateTime(parsed) > Latest)
                {
                    v.Add("startsAt", $"The date must fall between {Earliest:yyyy} and {Latest:yyyy}.");
                }
                else
                {
                    localStart = new DateTime(parsed.Year, parsed.Month, parsed.Day, parsed.Hour, parsed.Minute, 0, DateTimeKind.Unspecified);
                }
                if (string.IsNullOrWhiteSpace(input.TimeZone))
                {
                    v.Add("timeZone", "Give the time zone of the start time, such as Europe/Rome.");
                }
                if (input.DurationMinutes is not { } minutes || minutes < 15 || minutes > options.MaxOnlineMinutes)
                {
                    v.Add("durationMinutes", $"Give the length in minutes, between 15 and {options.MaxOnlineMinutes}.");
                }
                join = v.OptionalHttpUrl("joinUrl", input.JoinUrl)?.ToString();
                if (localStart is { } l && zoneId is not null && input.DurationMinutes is { } d)
                {
                    starts = HomeTimeZones.ToUtc(DateOnly.FromDateTime(l), TimeOnly.FromDateTime(l), HomeTimeZones.Find(zoneId)!);
                    ends = starts.AddMinutes(d);
                }
                break;
            case MeetingFormat.InPerson:
                Unused(v, "startsAt", input.StartsAt);
                Unused(v, "durationMinutes", input.DurationMinutes);
                Unused(v, "joinUrl", input.JoinUrl);
                host = Organisation(v, "hostOrganisationId", input.HostOrganisationId, organisationCountries.Keys.ToHashSet(), required: true);
                address = v.RequiredText("address", input.Address, 500);
                city = v.RequiredText("city", input.City, 100);
                var (f, t) = Dates(v, "firstDay", "lastDay", input.FirstDay, input.LastDay, "A meeting");
                if (input.FirstDay is not null && input.LastDay is not null && t.DayNumber - f.DayNumber + 1 > options.MaxMeetingDays)
                {
                    v.Add("lastDay", $"A meeting lasts at most {options.MaxMeetingDays} days.");
                }
                (first, last) = (f, t);
                invited = Organisations(v, "invitedOrganisationIds", input.InvitedOrganisationIds, organisationCountries.Keys.ToHashSet(), MaxInvited);
                if (host is not null)
                {
                    zoneId ??= HomeTimeZones.IdFor(organisationCountries[host]);
                    var zone = HomeTimeZones.Find(zoneId) ?? TimeZoneInfo.Utc;
                    starts = HomeTimeZones.ToUtc(f, TimeOnly.MinValue, zone);
                    ends = HomeTimeZones.ToUtc(t.AddDays(1), TimeOnly.MinValue, zone);
                }
                break;
        }
        return v.IsValid
            ? new MeetingFields(input.Format!.Value, title!, agenda, materials, input.IsPublic ?? true, input.Capacity, zoneId!, localStart, input.DurationMinutes,
                join, host, address, city, first, last, invited, starts, ends)
            : null;
    }

    public static List<Registration> Attendees(Validator v, List<AttendeeInput>? input, int max, Func<AttendeeInput, string, string, string, string, Registration> create)
    {
        var result = new List<Registration>();
        if (input is not { Count: > 0 })
        {
            v.Add("attendees", "Name at least one person.");
            return result;
        }
        if (input.Count > max)
        {
            v.Add("attendees", $"At most {max} people at once.");
            return result;
        }
        for (var i = 0; i < input.Count; i++)
        {
            var a = input[i];
            var name = v.RequiredText($"attendees[{i}].name", a?.Name, 200, 2);
            var role = v.RequiredText($"attendees[{i}].role", a?.Role, 200);
            var email = v.Email($"attendees[{i}].email", a?.Email);
            var language = Language(v, $"attendees[{i}].language", a?.Language);
            if (email is not null && result.Any(r => r.Email == email))
            {
                v.Add($"attendees[{i}].email", "This person is already in the list.");
            }
            if (name is not null && role is not null && email is not null && language is not null)
            {
                result.Add(create(a!, name, role, email, language));
            }
        }
        return result;
    }

    public static (DateOnly Date, string Language, string Title, string Body)? Update(Validator v, UpdateInput input)
    {
        if (input.Date is not { } date)
        {
            v.Add("date", "Give the date of the post.");
        }
        else if (date < Earliest || date > Latest)
        {
            v.Add("date", $"The date must fall between {Earliest:yyyy} and {Latest:yyyy}.");
        }
        var language = Language(v, "language", input.Language);
        var title = v.RequiredText("title", input.Title, 200, 3);
        var body = v.RequiredText("body", input.Body, 8000);
        return v.IsValid ? (input.Date!.Value, language!, title!, body!) : null;
    }

    public static (string Title, string Body)? Translation(Validator v, UpdateTranslationInput input)
    {
        var title = v.RequiredText("title", input.Title, 200, 3);
        var body = v.RequiredText("body", input.Body, 8000);
        return v.IsValid ? (title!, body!) : null;
    }

    public static (Adoption Adoption, string Language, string Practice, string Started, string FirstResults, List<Indicator> Indicators)? Outcome(Validator v, OutcomeInput input)
    {
        if (input.Adoption is null)
        {
            v.Add("adoption", "Say whether the practice was adopted or adapted.");
        }
        var language = Language(v, "language", input.Language);
        var practice = v.RequiredText("practice", input.Practice, 4000);
        var started = v.RequiredText("started", input.Started, 4000);
        var results = v.RequiredText("firstResults", input.FirstResults, 4000);
        var indicators = new List<Indicator>();
        if (input.Indicators is { Count: > PracticeRules.MaxIndicators })
        {
            v.Add("indicators", $"At most {PracticeRules.MaxIndicators} indicators.");
        }
        else
        {
            for (var i = 0; i < (input.Indicators?.Count ?? 0); i++)
            {
                var indicator = input.Indicators![i];
                var name = v.RequiredText($"indicators[{i}].name", indicator?.Name, 200);
                var value = v.OptionalText($"indicators[{i}].value", indicator?.Value, 100);
                indicators.Add(new Indicator(name ?? "", value));
            }
        }
        return v.IsValid ? (input.Adoption!.Value, language!, practice!, started!, results!, indicators) : null;
    }

    private static (DateOnly Start, DateOnly End) Dates(Validator v, string startField, string endField, DateOnly? start, DateOnly? end, string what)
    {
        if (start is not { } s)
        {
            v.Add(startField, "Give the first day.");
        }
        else if (s < Earliest || s > Latest)
        {
            v.Add(startField, $"The date must fall between {Earliest:yyyy} and {Latest:yyyy}.");
        }
        if (end is not { } e)
        {
            v.Add(endField, "Give the last day.");
        }
        else if (e < Earliest || e > Latest)
        {
            v.Add(endField, $"The date must fall between {Earliest:yyyy} and {Latest:yyyy}.");
        }
        else if (start is { } s2 && e < s2)
        {
            v.Add(endField, $"{what} ends on or after its start.");
        }
        return (start ?? default, end ?? default);
    }

    private static string? Organisation(Validator v, string field, string? value, IReadOnlySet<string> organisations, bool required)
    {
        var id = value?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            if (required)
            {
                v.Add(field, "Choose an organisation from the partners directory.");
            }
            return null;
        }
        if (!organisations.Contains(id))
        {
            v.Add(field, "There is no organisation with this id in the partners directory.");
            return null;
        }
        return id;
    }

    private static List<string> Organisations(Validator v, string field, List<string>? values, IReadOnlySet<string> organisations, int max)
    {
        if (values is { Count: > 0 } && values.Count > max)
        {
            v.Add(field, $"At most {max} organisations.");
            return [];
        }
        var result = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (Organisation(v, $"{field}[{i}]", values![i], organisations, required: true) is { } id)
            {
                if (result.Contains(id))
                {
                    v.Add($"{field}[{i}]", "Each organisation may be chosen once.");
                }
                else
                {
                    result.Add(id);
                }
            }
        }
        return result;
    }

    private static void Unused<T>(Validator v, string field, T? value)
    {
        if (value is not null && (value is not string s || !string.IsNullOrWhiteSpace(s)))
        {
            v.Add(field, "This field does not apply to this kind of meeting.");
        }
    }
}
