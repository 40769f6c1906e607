using System.Reflection;
using System.Text.Json;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Idempotency;

/// <summary>The caller's idempotency key for this request, set by <see cref="IdempotencyMiddleware"/>.</summary>
public sealed record IdempotencyClaim(string Id, Guid UserId, string Key, string RequestHash)
{
    public bool Recorded { get; set; }
}

/// <summary>
/// Stores the reply of a keyed request in the endpoint's own Marten session, so it commits in the same transaction as
/// the events it reports. Wired into every POST endpoint that writes through a Marten session by <see cref="IdempotentRepliesPolicy"/>.
/// </summary>
public static class IdempotentReplies
{
    public static void Remember(HttpContext context, IDocumentSession session, IResult result)
    {
        if (context.Features.Get<IdempotencyClaim>() is not { Recorded: false } claim) return;
        while (result is INestedHttpResult nested) result = nested.Result;
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } status) return;

        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var value = (result as IValueHttpResult)?.Value;
        session.Store(IdempotencyMiddleware.Record(claim, context.Request, status.StatusCode!.Value,
            value is null ? null : "application/json; charset=utf-8",
            result.GetType().GetProperty("Location")?.GetValue(result) as string,
            value is null ? "" : JsonSerializer.Serialize(value, value.GetType(), json),
            context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
        claim.Recorded = true;
    }
}

public sealed class IdempotentRepliesPolicy : IHttpPolicy
{
    private static readonly MethodInfo Remember = typeof(IdempotentReplies).GetMethod(nameof(IdempotentReplies.Remember))!;

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(Writes))
        {
            var call = new MethodCall(typeof(IdempotentReplies), Remember);
            call.Arguments[2] = chain.Method.Creates.First();
            chain.Postprocessors.Insert(0, call);
        }
    }

    private static bool Writes(HttpChain chain) =>
        chain.HttpMethods.Contains("POST") && chain.RoutePattern?.RawText?.StartsWith("/api/v1/auth") != true
        && chain.Method.Creates.FirstOrDefault()?.VariableType.IsAssignableTo(typeof(IResult)) == true
        && chain.Method.Method.GetParameters().Any(p => p.ParameterType == typeof(IDocumentSession)
            || p.GetCustomAttributes(typeof(WriteAggregateAttribute), false).Length > 0);
}
