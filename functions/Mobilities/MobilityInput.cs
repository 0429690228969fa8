using Exchange.Common;
using Exchange.Organisations;
using Exchange.Practices;

namespace Exchange.Mobilities;

/// <summary>What a coordinator or a sending partner sends to register or change a mobility.</summary>
public sealed record MobilityInput(
    string? ParticipantName, string? ParticipantEmail, string? Language, string? Profession, string? HomeCountry,
    string? SendingOrganisationId, string? HostOrganisationId, DateOnly? StartDate, DateOnly? EndDate, string? Status,
    string? HostAddress, string? HostContactName, string? HostContactEmail, string? HostContactPhone, string? Programme);

/// <summary>What the host organisation tells the visitor; its editors (or a coordinator) fill it in.</summary>
public sealed record HostDetailsInput(string? HostAddress, string? HostContactName, string? HostContactEmail, string? HostContactPhone, string? Programme);

/// <summary>The registry's limits. Each rule names the field it checks.</summary>
public static class MobilityRules
{
    public const int ProgrammeMaxLength = 4000;
    public static readonly IReadOnlyList<string> Statuses = Enum.GetValues<MobilityStatus>().Select(s => s.ToString().ToLowerInvariant()).ToList();

    public static MobilityStatus? ParseStatus(string? value) =>
        Enum.GetValues<MobilityStatus>().Where(s => string.Equals(s.ToString(), value?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(s => (MobilityStatus?)s).FirstOrDefault();

    /// <summary>
    /// Checks the input against the organisations it names (looked up by the caller; null when
    /// there is none with that id). Returns the fields when every rule holds.
    /// </summary>
    public static MobilityFields? Check(Validator v, MobilityInput input, string? sendingId, Organisation? sending, Organisation? host, MobilitiesOptions options)
    {
        var name = v.RequiredText("participantName", input.ParticipantName, 200, 2);
        var email = v.Email("participantEmail", input.ParticipantEmail);
        var language = Vocabulary.NormaliseLanguage(input.Language);
        if (language is null)
        {
            v.Add("language", "Choose the participant's language from the list.", ProblemCodes.Language);
        }
        var profession = v.RequiredText("profession", input.Profession, 200, 2);

        if (string.IsNullOrWhiteSpace(sendingId))
        {
            v.Add("sendingOrganisationId", "Choose the sending organisation.");
        }
        else if (sending is null)
        {
            v.Add("sendingOrganisationId", "This organisation is not in the directory; choose one from the list.", ProblemCodes.Organisation);
        }
        if (string.IsNullOrWhiteSpace(input.HostOrganisationId))
        {
            v.Add("hostOrganisationId", "Choose the host organisation.");
        }
        else if (host is null)
        {
            v.Add("hostOrganisationId", "This organisation is not in the directory; choose one from the list.", ProblemCodes.Organisation);
        }
        else if (sending is not null && host.Id == sending.Id)
        {
            v.Add("hostOrganisationId", "The host must be another organisation than the sending one.");
        }

        string? homeCountry = sending?.Country;
        if (!string.IsNullOrWhiteSpace(input.HomeCountry))
        {
            homeCountry = Countries.Normalise(input.HomeCountry);
            if (homeCountry is null)
            {
                v.Add("homeCountry", "Choose the home country from the list.");
            }
        }

        if (input.StartDate is not { } start)
        {
            v.Add("startDate", "Give the first day of the visit.");
        }
        else if (start.Year is < 2000 or > 2100)
        {
            v.Add("startDate", "Give a date between 2000 and 2100.", ProblemCodes.Date);
        }
        if (input.EndDate is not { } end)
        {
            v.Add("endDate", "Give the last day of the visit.");
        }
        else if (input.StartDate is { } s && end < s)
        {
            v.Add("endDate", "The visit cannot end before it starts.", ProblemCodes.EndBeforeStart);
        }
        else if (input.StartDate is { } first && end.DayNumber - first.DayNumber + 1 > options.MaxDays)
        {
            v.Add("endDate", $"A visit lasts at most {options.MaxDays} days.");
        }

        var status = MobilityStatus.Planned;
        if (!string.IsNullOrWhiteSpace(input.Status))
        {
            if (ParseStatus(input.Status) is { } named)
            {
                status = named;
            }
            else
            {
                v.Add("status", $"Choose one of: {string.Join(", ", Statuses)}.");
            }
        }

        var details = CheckHostDetails(v, new HostDetailsInput(input.HostAddress, input.HostContactName, input.HostContactEmail, input.HostContactPhone, input.Programme));

        return v.IsValid
            ? new MobilityFields(sending!.Id, host!.Id, name!, email!, language!, profession!, homeCountry!, input.StartDate!.Value, input.EndDate!.Value, status, details)
            : null;
    }

    public static HostDetails CheckHostDetails(Validator v, HostDetailsInput input)
    {
        var address = v.OptionalText("hostAddress", input.HostAddress, 500);
        var contactName = v.OptionalText("hostContactName", input.HostContactName, 200);
        var contactEmail = string.IsNullOrWhiteSpace(input.HostContactEmail) ? null : v.Email("hostContactEmail", input.HostContactEmail);
        var contactPhone = v.OptionalText("hostContactPhone", input.HostContactPhone, 40);
        if (contactPhone is not null && !contactPhone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.' or '/'))
        {
            v.Add("hostContactPhone", "Use digits, spaces and + - ( ) only.", ProblemCodes.Phone);
        }
        var programme = v.OptionalText("programme", input.Programme, ProgrammeMaxLength);
        return new HostDetails(address, contactName, contactEmail, contactPhone, programme);
    }

    /// <summary>
    /// The host's details belong to the host organisation: a sending partner's registration keeps
    /// what the host wrote. A field the sending partner leaves out is kept; one they change is refused.
    /// </summary>
    public static HostDetails KeepHostDetails(Validator v, MobilityInput input, HostDetails current)
    {
        const string Message = "The host organisation fills in its address, contact and programme; ask its editors to change them.";
        string? Check(string field, string? sent, string? kept)
        {
            if (sent is not null && !string.Equals(sent.Trim(), kept ?? "", StringComparison.Ordinal))
            {
                v.Add(field, Message);
            }
            return kept;
        }
        return new HostDetails(
            Check("hostAddress", input.HostAddress, current.Address),
            Check("hostContactName", input.HostContactName, current.ContactName),
            Check("hostContactEmail", input.HostContactEmail, current.ContactEmail),
            Check("hostContactPhone", input.HostContactPhone, current.ContactPhone),
            Check("programme", input.Programme, current.Programme));
    }
}
