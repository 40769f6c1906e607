using System.Text.RegularExpressions;
using Alba;
using Interview.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace Interview.Tests.Operations;

public sealed class LogCorrelationTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task a_log_line_written_during_a_request_carries_its_trace_and_span_id()
    {
        using var capture = new ScopeCapturingLoggerProvider();
        Host.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);

        var signup = await Host.Scenario(s =>
        {
            s.Post.Json(new { email = "traced@interview.test", password = "correct horse battery", displayName = "Tracy" }).ToUrl("/api/v1/auth/signup");
            s.StatusCodeShouldBe(201);
        });

        var userId = (await signup.ReadAsJsonAsync<Interview.Api.Accounts.SignupResponse>())!.UserId;
        var line = capture.Lines.First(l => l.Contains($"Verification token for user {userId}"));
        capture.Lines.ShouldNotContain(l => l.Contains("traced@interview.test"), "e-mail addresses are personal data: logs name the user id");
        var traceId = Regex.Match(line, "TraceId=([0-9a-f]{32})").Groups[1].Value;
        traceId.ShouldNotBeEmpty(line);
        traceId.ShouldNotBe(new string('0', 32));
        line.ShouldMatch("SpanId=[0-9a-f]{16}");
    }
}

/// <summary>
/// Captures log lines with their scopes, the way the JSON console formatter (IncludeScopes) writes them: the trace and
/// span ids come from the logger factory's activity tracking, not from the message.
/// </summary>
public sealed class ScopeCapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly List<string> lines = [];
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
    private bool stopped;

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) return lines.ToArray(); }
    }

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose() => stopped = true;

    private sealed class CapturingLogger(ScopeCapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => !provider.stopped;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (provider.stopped) return;
            var line = formatter(state, exception);
            provider.scopes.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    line += " " + string.Join(" ", values.Select(v => $"{v.Key}={v.Value}"));
            }, (object?)null);
            lock (provider.lines) provider.lines.Add(line);
        }
    }
}
