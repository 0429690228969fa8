using Exchange.Common;
using System.Security.Claims;

namespace Exchange.Common;

public static class Roles
{
    public const string Coordinator = "coordinator";
    public const string Partner = "partner";
}

public static class Policies
{
    public const string Coordinator = "coordinator";
    /// <summary>Partner editors and coordinators.</summary>
    public const string Editor = "editor";
}

public static class ExchangeClaims
{
    public const string Organisation = "organisation";

    public static string Email(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? "";

    public static string? OrganisationId(this ClaimsPrincipal user) => user.FindFirstValue(Organisation);

    public static bool IsCoordinator(this ClaimsPrincipal user) => user.IsInRole(Roles.Coordinator);

    /// <summary>Coordinators act on every organisation; a partner only on their own.</summary>
    public static bool MayEditOrganisation(this ClaimsPrincipal user, string organisationId) =>
        user.IsCoordinator() || (user.IsInRole(Roles.Partner) && string.Equals(user.OrganisationId(), organisationId, StringComparison.Ordinal));
}
