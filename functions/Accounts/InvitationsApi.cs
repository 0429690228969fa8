using System.Security.Claims;
using Exchange.Common;
using Exchange.Email;
using Exchange.Hosting;
using Exchange.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Exchange.Accounts;

public sealed record InvitationInput(string? Email, string? OrganisationId, string? Language);

public sealed record InvitationDto(string Id, string Email, string OrganisationId, string OrganisationName, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt);

public sealed record EditorDto(string Email, string Role, string? OrganisationId, string? OrganisationName);

public sealed record InvitationsOverview(IReadOnlyList<InvitationDto> Invitations, IReadOnlyList<EditorDto> Editors);

public static class InvitationsApi
{
    public static IEndpointRouteBuilder MapInvitations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/invitations").RequireAuthorization(Policies.Coordinator).WithTags("Invitations");
        group.MapGet("/", ListAsync);
        group.MapPost("/", InviteAsync);
        return app;
    }

    public static async Task<Ok<InvitationsOverview>> ListAsync(AccountStore store, OrganisationStore organisations, CancellationToken ct)
    {
        var names = (await organisations.ListAsync(ct)).ToDictionary(o => o.Id, o => o.Name);
        var invitations = (await store.ListPendingInvitationsAsync(ct))
            .Select(i => new InvitationDto(i.Id, i.Email, i.OrganisationId, names.GetValueOrDefault(i.OrganisationId, i.OrganisationId), i.InvitedAt, i.ExpiresAt))
            .ToList();
        var editors = (await store.ListUsersAsync(ct))
            .OrderBy(u => u.OrganisationId).ThenBy(u => u.Email)
            .Select(u => new EditorDto(u.Email, u.Role, u.OrganisationId, u.OrganisationId is null ? null : names.GetValueOrDefault(u.OrganisationId)))
            .ToList();
        return TypedResults.Ok(new InvitationsOverview(invitations, editors));
    }

    public static async Task<Results<Created<InvitationDto>, ProblemHttpResult>> InviteAsync(
        HttpRequest request, ClaimsPrincipal user, AccountStore store, OrganisationStore organisations, IEmailSender email,
        IOptions<AccountsOptions> accounts, IOptions<SiteOptions> site, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<InvitationInput>(request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var v = new Validator();
        var address = v.Email("email", body.Value!.Email);
        var organisationId = v.RequiredText("organisationId", body.Value.OrganisationId, 100);
        var language = v.OptionalText("language", body.Value.Language, 8);
        var organisation = organisationId is null ? null : await organisations.GetAsync(organisationId, ct);
        if (organisationId is not null && organisation is null)
        {
            v.Add("organisationId", "There is no organisation with this id.");
        }
        if (address is not null && accounts.Value.IsCoordinator(address))
        {
            v.Add("email", "This address already belongs to a coordinator.");
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var (token, invitation) = await store.CreateInvitationAsync(address!, organisation!.Id, user.Email(), accounts.Value.InvitationLifetime, ct);
        await email.SendAsync(AccountMails.Invitation(address!, organisation.Name, SignInMailer.CompleteLink(site.Value, token), invitation.ExpiresAt, language), ct);
        var dto = new InvitationDto(invitation.Id, invitation.Email, invitation.OrganisationId, organisation.Name, invitation.InvitedAt, invitation.ExpiresAt);
        return TypedResults.Created($"/api/invitations/{dto.Id}", dto);
    }
}
