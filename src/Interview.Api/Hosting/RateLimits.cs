using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Interview.Api.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Interview.Api.Hosting;

/// <summary>One limit: which requests it counts (method and path), per client address or per user, and its window.</summary>
public sealed record RateLimitRule(string Name, string Method, Regex Path, bool PerUser, int PermitLimit, TimeSpan Window);

/// <summary>
/// Abuse limits for every route in one place, matched by method and path so that endpoint files need no attribute:
/// fixed windows per client address on the anonymous auth routes, per user on the routes that cost (LLM calls, new
/// interviews). Each limit is RateLimits:{Name}:PermitLimit and RateLimits:{Name}:WindowSeconds. A refused request gets
/// 429 ProblemDetails with Retry-After from <see cref="OnRejected"/>, the single place a rejection is handled.
/// </summary>
public static class RateLimits
{
    private static readonly (string Name, string Method, string Path, bool PerUser, int PermitLimit, int WindowSeconds)[] Defaults =
    [
        ("Signup", "POST", "/auth/signup", false, 10, 600),
        ("Login", "POST", "/auth/login", false, 20, 60),
        ("Verify", "POST", "/auth/verify(/resend)?", false, 20, 60),
        ("Refresh", "POST", "/auth/refresh", false, 30, 60),
        ("Evaluations", "POST", "/evaluations", true, 20, 60),
        ("Prep", "POST", "/prep", true, 10, 60),
        ("Interviews", "POST", "/(interviews|prep/[^/]+/interview)", true, 10, 60),
        ("Answers", "POST", "/interviews/[^/]+/answers(/audio|/transcriptions)?", true, 30, 60),
        ("Speech", "POST", "/tts", true, 60, 60)
    ];

    private const string RuleItem = "interview.rate-limit-rule";

    private static readonly (string Name, string Method, Regex Path, bool PerUser, int PermitLimit, int WindowSeconds)[] Routes =
        Defaults.Select(d => (d.Name, d.Method,
            new Regex($"^/api/v1{d.Path}/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled),
            d.PerUser, d.PermitLimit, d.WindowSeconds)).ToArray();

    /// <summary>The limit that counts this request, with its numbers read from configuration now (changes apply at once).</summary>
    public static RateLimitRule? Match(HttpContext context, IConfiguration configuration)
    {
        var path = context.Request.Path.Value ?? "";
        foreach (var route in Routes)
        {
            if (!HttpMethods.Equals(route.Method, context.Request.Method) || !route.Path.IsMatch(path)) continue;
            var section = configuration.GetSection($"RateLimits:{route.Name}");
            return new RateLimitRule(route.Name, route.Method, route.Path, route.PerUser,
                Math.Max(1, section.GetValue("PermitLimit", route.PermitLimit)),
                TimeSpan.FromSeconds(Math.Max(1, section.GetValue("WindowSeconds", route.WindowSeconds))));
        }
        return null;
    }

    public static IServiceCollection AddInterviewRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, configuration));
            options.OnRejected = OnRejected;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, IConfiguration configuration)
    {
        if (Match(context, configuration) is not { } rule) return RateLimitPartition.GetNoLimiter("");
        context.Items[RuleItem] = rule;

        var userId = context.User.UserId();
        var key = $"{rule.Name}|{rule.PermitLimit}/{rule.Window.TotalSeconds}|" + (rule.PerUser && userId != Guid.Empty
            ? $"user:{userId}"
            : $"address:{context.Connection.RemoteIpAddress}");
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true
        });
    }

    /// <summary>Every refused request passes here: 429 ProblemDetails with Retry-After in whole seconds.</summary>
    public static async ValueTask OnRejected(OnRejectedContext rejected, CancellationToken cancellation)
    {
        var context = rejected.HttpContext;
        var rule = context.Items[RuleItem] as RateLimitRule;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : rule?.Window ?? TimeSpan.FromSeconds(60);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
            .LogWarning("Rate limit {Limit} refused {Method} {Path}", rule?.Name, context.Request.Method, context.Request.Path);
        context.RequestServices.GetRequiredService<Interview.Workers.Telemetry.InterviewMetrics>().RecordRateLimitRejection(rule?.Name ?? "unknown");
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The {rule?.Name.ToLowerInvariant()} limit of {rule?.PermitLimit} requests per {rule?.Window.TotalSeconds:0} s is used up; retry after {seconds} s."
            }
        });
    }
}
