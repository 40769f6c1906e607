using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Interview.Tests.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Interview.Tests.Webhooks;

public sealed record ReceivedDelivery(string DeliveryId, string Kind, string Body, int Status);

/// <summary>
/// A webhook receiver on 127.0.0.1 that does what a careful integrator does: verifies the signature (and its age), answers
/// with the status the test scripts for each attempt, and processes each delivery id once (dedupe).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedDelivery> received = new();
    private readonly ConcurrentDictionary<string, string> processed = new();
    private readonly ConcurrentDictionary<string, int> attempts = new();
    private TaskCompletionSource waiter = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<int, bool> waitFor = _ => false;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public string Url { get; private set; } = "";

    /// <summary>Secrets by path: each registered endpoint gets its own path.</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new();

    /// <summary>The status to answer for the n-th attempt (1-based) of a delivery; 200 by default.</summary>
    public Func<string, int, int> Answer { get; set; } = (_, _) => 200;

    public IReadOnlyList<ReceivedDelivery> Received => received.ToArray();

    /// <summary>Delivery ids processed (2xx) exactly once each, with their kind.</summary>
    public IReadOnlyDictionary<string, string> Processed => processed;

    public int BadSignatures { get; private set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = TestWebApps.OnAFreePort();
        var receiver = new WebhookReceiver(builder.Build());
        receiver.app.MapPost("/hooks/{name}", receiver.Handle);
        await receiver.app.StartAsync();
        receiver.Url = receiver.app.Urls.Single().TrimEnd('/');
        return receiver;
    }

    public Task WaitUntil(Func<int, bool> processedCount, TimeSpan timeout)
    {
        waitFor = processedCount;
        waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (processedCount(processed.Count)) waiter.TrySetResult();
        return waiter.Task.WaitAsync(timeout);
    }

    private async Task<IResult> Handle(string name, HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var id = context.Request.Headers["Interview-Delivery"].ToString();
        var kind = context.Request.Headers["Interview-Event"].ToString();
        if (!Secrets.TryGetValue(name, out var secret) || !Verify(secret, context.Request.Headers["Interview-Signature"].ToString(), body))
        {
            BadSignatures++;
            received.Enqueue(new(id, kind, body, 401));
            return Results.StatusCode(401);
        }
        var attempt = attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
        var status = Answer(id, attempt);
        received.Enqueue(new(id, kind, body, status));
        if (status is >= 200 and < 300 && processed.TryAdd(id, kind) && waitFor(processed.Count)) waiter.TrySetResult();
        return Results.StatusCode(status);
    }

    /// <summary>Interview-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}.{body}")}, at most five minutes old.</summary>
    public static bool Verify(string secret, string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, out var timestamp)) return false;
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) > 300) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
