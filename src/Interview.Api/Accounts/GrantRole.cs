using Interview.Api.Hosting.OpenApi;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public sealed record GrantRoleRequest([Required, WireValues(typeof(Roles), nameof(Roles.All))] string? Role);

public static class GrantRole
{
    public static ProblemDetails Validate(GrantRoleRequest request) =>
        Problems.Validation(Roles.All.Contains(request.Role ?? "")
            ? new Dictionary<string, string[]>()
            : new Dictionary<string, string[]> { ["role"] = [$"'{request.Role}' is not one of {string.Join(", ", Roles.All)}."] });

    /// <summary>Grants a role to a user (admins only). Takes effect at the user's next login.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/v1/admin/users/{id}/roles", OperationId = "GrantRole")]
    [Tags("Admin")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Post(
        Guid id, GrantRoleRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var account = await session.LoadAsync<UserAccount>(id, cancellation);
        if (account is null) return Problems.NotFound("user");
        if (!account.Roles.Contains(request.Role!))
            session.Events.Append(id, new RoleGranted(id, request.Role!, user.UserId(), "granted by an admin", clock.GetUtcNow()));
        return TypedResults.NoContent();
    }
}
