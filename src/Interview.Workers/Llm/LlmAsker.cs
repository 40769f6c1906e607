using System.Text.Json.Nodes;
using Interview.Domain.Sessions;
using Interview.Workers.Telemetry;

namespace Interview.Workers.Llm;

/// <summary>
/// Asks the model for a JSON reply to a versioned prompt and validates it. An invalid reply is retried once with the
/// validation error; a failed or twice-invalid call returns null so the caller's offline result stands. Every attempt
/// is added to <c>calls</c> as an audit event, and the interview's token budget is enforced before any call.
/// </summary>
public sealed class LlmAsker(LlmClient client, TimeProvider clock, InterviewMetrics metrics)
{
    public LlmSettings Settings => client.Settings;

    public async Task<T?> AskAsync<T>(Guid interviewId, int tokensUsed, Prompt prompt, Func<JsonObject, (T?, string?)> parse,
        List<LlmCallRecorded> calls, CancellationToken cancellation) where T : class
    {
        var used = tokensUsed + calls.Sum(c => c.TokensIn + c.TokensOut);
        if (used >= Settings.MaxTokensPerInterview)
        {
            calls.Add(Record(interviewId, prompt, new LlmReply(LlmOutcome.BudgetExceeded, null, 0, 0, 0, 0,
                $"the interview used {used} of its {Settings.MaxTokensPerInterview} tokens"), fallback: true));
            return null;
        }

        var user = prompt.User;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var reply = await client.CompleteAsync(new LlmRequest(prompt.Purpose, prompt.Version, prompt.System, user, prompt.Temperature), cancellation);
            if (!reply.IsOk)
            {
                calls.Add(Record(interviewId, prompt, reply, fallback: true));
                return null;
            }
            var (json, extractError) = LlmJson.ExtractObject(reply.Text);
            var (value, parseError) = json is null ? (null, extractError) : parse(json);
            if (value is not null)
            {
                calls.Add(Record(interviewId, prompt, reply, fallback: false));
                return value;
            }
            calls.Add(Record(interviewId, prompt, reply with { Outcome = LlmOutcome.Invalid, Error = parseError }, fallback: attempt == 2));
            user = $"{prompt.User}\n\nYour previous reply was rejected: {parseError}. Reply again with only the JSON object described.";
        }
        return null;
    }

    private LlmCallRecorded Record(Guid interviewId, Prompt prompt, LlmReply reply, bool fallback)
    {
        var call = new LlmCallRecorded(interviewId, prompt.Purpose, Settings.ProviderName, Settings.Model, prompt.Version, reply.TokensIn,
            reply.TokensOut, reply.LatencyMs, reply.Outcome, reply.Attempts, fallback, reply.Text, reply.Error, clock.GetUtcNow());
        metrics.RecordLlmCall(call);
        return call;
    }
}
