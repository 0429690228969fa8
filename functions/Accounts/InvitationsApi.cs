using Exchange.Audit;
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
        group.MapDelete("/{id}", CancelAsync);
        group.MapPost("/{id}/resend", ResendAsync);
        app.MapDelete("/api/editors/{email}", RemoveEditorAsync).RequireAuthorization(Policies.Coordinator).WithTags("Invitations");
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
        IOptions<AccountsOptions> accounts, IOptions<SiteOptions> site, LocalLinks links, IAuditTrail audit, CancellationToken ct)
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
        var organisation = string.IsNullOrEmpty(organisationId) ? null : await organisations.GetAsync(organisationId, ct);
        if (!string.IsNullOrEmpty(organisationId) && organisation is null)
        {
            v.Add("organisationId", "This organisation is not in the directory; choose one from the list.", ProblemCodes.Organisation);
        }
        if (address is not null && accounts.Value.IsCoordinator(address))
        {
            v.Add("email", "This address already belongs to a coordinator.");
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var dto = await SendInvitationAsync(address!, organisation!, language, user, store, email, accounts.Value, site.Value, links, ct);
        await audit.RecordAsync(user.Email(), AuditActions.Invitation, organisation!.Id, ct);
        return TypedResults.Created($"/api/invitations/{dto.Id}", dto);
    }

    /// <summary>Withdraws a pending invitation; its link stops working at once.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(string id, ClaimsPrincipal user, AccountStore store, IAuditTrail audit, CancellationToken ct)
    {
        if (!await store.CancelInvitationAsync(id, ct))
        {
            return Problems.NotFound("The pending invitation");
        }
        await audit.RecordAsync(user.Email(), AuditActions.InvitationCancelled, id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Sends a pending invitation again with a fresh link and a new expiry; the old link stops working.</summary>
    public static async Task<Results<Ok<InvitationDto>, ProblemHttpResult>> ResendAsync(
        string id, ClaimsPrincipal user, AccountStore store, OrganisationStore organisations, IEmailSender email,
        IOptions<AccountsOptions> accounts, IOptions<SiteOptions> site, LocalLinks links, IAuditTrail audit, CancellationToken ct)
    {
        if (await store.FindInvitationAsync(id, ct) is not { } old)
        {
            return Problems.NotFound("The pending invitation");
        }
        if (await organisations.GetAsync(old.OrganisationId, ct) is not { } organisation)
        {
            await store.CancelInvitationAsync(id, ct);
            return Problems.Conflict("The organisation of this invitation no longer exists, so the invitation was withdrawn.");
        }
        // The old link goes first: if the new mail then fails, the person is asked again, never left with two links.
        if (!await store.CancelInvitationAsync(id, ct))
        {
            return Problems.NotFound("The pending invitation");
        }
        var sent = await SendInvitationAsync(old.Email, organisation, old.Language, user, store, email, accounts.Value, site.Value, links, ct);
        await audit.RecordAsync(user.Email(), AuditActions.InvitationResent, organisation.Id, ct);
        return TypedResults.Ok(sent);
    }

    /// <summary>Removes an editor's account; their sessions end at once and their unused sign-in links stop working.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveEditorAsync(
        string email, ClaimsPrincipal user, AccountStore store, IOptions<AccountsOptions> accounts, IAuditTrail audit, CancellationToken ct)
    {
        var address = EmailAddress.Normalise(email);
        if (address is null)
        {
            return Problems.NotFound("The editor");
        }
        if (accounts.Value.IsCoordinator(address))
        {
            return Problems.Conflict("Coordinators are named in the app's configuration (Accounts:CoordinatorEmails), not here.");
        }
        var organisationId = (await store.FindUserAsync(address, ct))?.OrganisationId;
        if (!await store.RemoveUserAsync(address, ct))
        {
            return Problems.NotFound("The editor");
        }
        // The removed editor's address is theirs, not the coordinator's: the entry names the organisation.
        await audit.RecordAsync(user.Email(), AuditActions.EditorRemoved, organisationId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<InvitationDto> SendInvitationAsync(
        string address, Organisation organisation, string? language, ClaimsPrincipal user, AccountStore store, IEmailSender email,
        AccountsOptions accounts, SiteOptions site, LocalLinks links, CancellationToken ct)
    {
        var (token, invitation) = await store.CreateInvitationAsync(address, organisation.Id, user.Email(), accounts.InvitationLifetime, language, ct);
        var link = SignInMailer.CompleteLink(site, token);
        await email.SendAsync(AccountMails.Invitation(address, organisation.Name, link, invitation.ExpiresAt, language), ct);
        links.Print("Invitation", address, link);
        return new InvitationDto(invitation.Id, invitation.Email, invitation.OrganisationId, organisation.Name, invitation.InvitedAt, invitation.ExpiresAt);
    }
}
