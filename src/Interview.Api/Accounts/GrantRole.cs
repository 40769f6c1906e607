using Interview.Api.Hosting.OpenApi;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Accounts;

public sealed record GrantRoleRequest([Required, WireValues(typeof(Roles), nameof(Roles.All))] string? Role);

public static class GrantRole
{
    public static ProblemDetails Validate(GrantRoleRequest request) =>
        Problems.Validation(Roles.All.Contains(request.Role ?? "")
            ? new Dictionary<string, string[]>()
            : new Dictionary<string, string[]> { ["role"] = [$"The role must be one of {string.Join(", ", Roles.All)}."] });

    /// <summary>
    /// Grants a role to a user (admins only). The user's access tokens stop working at once; their next refresh or
    /// login carries the new role.
    /// </summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/v1/admin/users/{id}/roles", OperationId = "GrantRole")]
    [Tags("Admin")]
    public static (IResult, Events) Post(GrantRoleRequest request, [WriteAggregate(Required = false)] Account? account, ClaimsPrincipal user, TimeProvider clock)
    {
        if (account is null) return (Problems.NotFound("user"), new Events());
        var decision = AccountDecider.GrantRole(account, request.Role!, user.UserId(), clock.GetUtcNow());
        return decision.IsRejected
            ? (Problems.From(decision.Rejection!), new Events())
            : (TypedResults.NoContent(), new Events(decision.Events));
    }
}
