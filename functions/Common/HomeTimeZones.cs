namespace Exchange.Common;

/// <summary>
/// The time zone of a participant's home country, by IANA id. Countries spanning several zones
/// get their capital's. The app runs with invariant globalization, which leaves time zones
/// alone: <see cref="TimeZoneInfo"/> reads the IANA data from /usr/share/zoneinfo (tzdata).
/// </summary>
public static class HomeTimeZones
{
    public const string Default = "UTC";

    private static readonly IReadOnlyDictionary<string, string> ByCountry = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AD"] = "Europe/Andorra", ["AL"] = "Europe/Tirane", ["AM"] = "Asia/Yerevan", ["AT"] = "Europe/Vienna", ["BA"] = "Europe/Sarajevo",
        ["BE"] = "Europe/Brussels", ["BG"] = "Europe/Sofia", ["BY"] = "Europe/Minsk", ["CH"] = "Europe/Zurich", ["CY"] = "Asia/Nicosia",
        ["CZ"] = "Europe/Prague", ["DE"] = "Europe/Berlin", ["DK"] = "Europe/Copenhagen", ["EE"] = "Europe/Tallinn", ["ES"] = "Europe/Madrid",
        ["FI"] = "Europe/Helsinki", ["FO"] = "Atlantic/Faroe", ["FR"] = "Europe/Paris", ["GB"] = "Europe/London", ["GE"] = "Asia/Tbilisi",
        ["GI"] = "Europe/Gibraltar", ["GR"] = "Europe/Athens", ["HR"] = "Europe/Zagreb", ["HU"] = "Europe/Budapest", ["IE"] = "Europe/Dublin",
        ["IS"] = "Atlantic/Reykjavik", ["IT"] = "Europe/Rome", ["LI"] = "Europe/Vaduz", ["LT"] = "Europe/Vilnius", ["LU"] = "Europe/Luxembourg",
        ["LV"] = "Europe/Riga", ["MC"] = "Europe/Monaco", ["MD"] = "Europe/Chisinau", ["ME"] = "Europe/Podgorica", ["MK"] = "Europe/Skopje",
        ["MT"] = "Europe/Malta", ["NL"] = "Europe/Amsterdam", ["NO"] = "Europe/Oslo", ["PL"] = "Europe/Warsaw", ["PT"] = "Europe/Lisbon",
        ["RO"] = "Europe/Bucharest", ["RS"] = "Europe/Belgrade", ["SE"] = "Europe/Stockholm", ["SI"] = "Europe/Ljubljana", ["SK"] = "Europe/Bratislava",
        ["SM"] = "Europe/San_Marino", ["TR"] = "Europe/Istanbul", ["UA"] = "Europe/Kyiv", ["VA"] = "Europe/Vatican",
    };

    /// <summary>The IANA id for a country, or UTC for countries without an entry.</summary>
    public static string IdFor(string? country) =>
        country is not null && ByCountry.TryGetValue(country, out var id) ? id : Default;

    /// <summary>The zone for a country; UTC when the country has no entry or the system lacks the zone's data.</summary>
    public static TimeZoneInfo For(string? country) => Find(IdFor(country)) ?? TimeZoneInfo.Utc;

    public static TimeZoneInfo? Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>
    /// The UTC instant of a local wall-clock time on a date. A time in a spring-forward gap moves
    /// to the first valid moment after it; a time repeated at fall-back means its first occurrence.
    /// </summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
