namespace Exchange.Hosting;

/// <summary>An origin the site's scripts may connect to besides their own, such as the Blob endpoint files move to and from.</summary>
public sealed record ConnectSource(string Origin);

/// <summary>
/// The site's Content-Security-Policy, one definition for both places it is sent from: the
/// standalone server here, and Static Web Apps through web/public/staticwebapp.config.json,
/// whose policy a test compares with <see cref="Site"/> given the Azure Blob endpoint.
/// </summary>
public static class ContentSecurityPolicy
{
    public const string Api = "default-src 'none'; frame-ancestors 'none'";

    public static string Site(IEnumerable<string> connectSources) =>
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
        $"connect-src {string.Join(' ', connectSources.Prepend("'self'").Distinct(StringComparer.Ordinal))}; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
