using System.Text.Json.Nodes;
using Interview.Domain.Common;
using Interview.Domain.Questions;
using Interview.Domain.Scoring;
using Interview.Domain.Sessions;
using Interview.Workers.Turns;

namespace Interview.Workers.Llm;

/// <summary>
/// The interviewer when an LLM is configured. The offline engine still plans the turn (what kind of turn, which bank
/// question, follow-up budget, question count); the model writes the greeting and warm-up, decides whether an answer
/// deserves a follow-up and words it, and writes a personalised question when the bank has no good match.
/// Any failed or invalid call falls back to the offline plan for that turn, and every call is audited.
/// </summary>
public sealed class LlmInterviewer(QuestionBank bank, LlmAsker llm) : IInterviewer
{
    public async Task<InterviewerTurn> NextTurnAsync(InterviewSession state, IReadOnlyCollection<string> seenBefore, CancellationToken cancellation)
    {
        var calls = new List<LlmCallRecorded>();
        var plan = OfflineInterviewer.NextTurn(state, bank, seenBefore);
        var turn = plan.Lines[0].Kind switch
        {
            LineKind.Greeting => await Greet(state, plan, calls, cancellation),
            _ when plan.Assessment is not null && state.Asked.Count > 0 && state.Asked[^1].FollowUps < InterviewDecider.MaxFollowUpsPerQuestion
                => await DecideFollowUp(state, seenBefore, plan, calls, cancellation),
            _ => plan
        };
        if (turn.Lines[0].Kind == LineKind.Question || NoQuestionLeft(state, turn))
            turn = await PersonaliseQuestion(state, turn, calls, cancellation);
        return turn with { LlmCalls = calls };
    }

    private async Task<InterviewerTurn> Greet(InterviewSession state, InterviewerTurn plan, List<LlmCallRecorded> calls, CancellationToken cancellation)
    {
        var reply = await llm.AskAsync(state.Id, state.LlmTokensUsed, InterviewerPrompts.Greeting(state.Config), InterviewerPrompts.ParseGreeting, calls, cancellation);
        if (reply is null) return plan;
        return plan with
        {
            Source = EngineKind.Llm,
            Lines = plan.Lines.Select(line => line.Kind switch
            {
                LineKind.Greeting => line with { Text = reply.Greeting },
                LineKind.WarmUp => line with { Text = reply.WarmUp },
                _ => line
            }).ToArray()
        };
    }

    private async Task<InterviewerTurn> DecideFollowUp(
        InterviewSession state, IReadOnlyCollection<string> seenBefore, InterviewerTurn plan, List<LlmCallRecorded> calls, CancellationToken cancellation)
    {
        var asked = state.Asked[^1];
        var question = OfflineInterviewer.Resolve(asked, state.Config, bank);
        if (question is null) return plan;
        var missed = plan.Assessment!.MissedKeyPoints;
        var reply = await llm.AskAsync(state.Id, state.LlmTokensUsed, InterviewerPrompts.FollowUp(state.Config, question, asked, missed), InterviewerPrompts.ParseFollowUp, calls, cancellation);
        if (reply is null) return plan;

        if (reply.NeedsFollowUp)
            return plan with
            {
                Source = EngineKind.Llm,
                AssessmentDecision = $"follow up (LLM): {reply.Reason}",
                Lines = [new InterviewerLine(LineKind.FollowUp, reply.FollowUp!, $"LLM: {reply.Reason}", asked.QuestionId,
                    TargetKeyPoints: missed.Take(1).ToArray())]
            };

        var moveOn = plan.Lines[0].Kind == LineKind.FollowUp
            ? OfflineInterviewer.NextTurn(state, bank, seenBefore, allowFollowUp: false)
            : plan;
        return moveOn with { AssessmentDecision = $"move on (LLM): {reply.Reason}" };
    }

    private static bool NoQuestionLeft(InterviewSession state, InterviewerTurn turn) =>
        turn.Lines[0].Kind == LineKind.Closing && state.Asked.Count < state.Config.QuestionCount;

    /// <summary>A weak bank match (another track, a stack the candidate does not use, or nothing left) gets an LLM-written question.</summary>
    private async Task<InterviewerTurn> PersonaliseQuestion(InterviewSession state, InterviewerTurn turn, List<LlmCallRecorded> calls, CancellationToken cancellation)
    {
        var line = turn.Lines[0];
        var bankQuestion = bank.Find(line.QuestionId);
        var stack = state.Config.TechStack;
        var weakMatch = line.Kind == LineKind.Closing
            || line.Reason.Contains("borrowed from track", StringComparison.Ordinal)
            || (bankQuestion is { Type: QuestionType.Technical } && stack.Count > 0 && !bankQuestion.TechStack.Any(stack.Contains));
        if (!weakMatch) return turn;

        var type = line.Type ?? OfflineInterviewer.NextType(state);
        var difficulty = line.Difficulty ?? state.Config.Difficulty;
        var reply = await llm.AskAsync(state.Id, state.LlmTokensUsed, InterviewerPrompts.PersonalisedQuestion(state.Config, type, difficulty, state.Asked.Select(a => a.Text).ToArray()),
            InterviewerPrompts.ParseQuestion, calls, cancellation);
        if (reply is null) return turn;

        var id = $"llm.{state.Id:N}.{state.Asked.Count + 1:00}";
        var why = line.Kind == LineKind.Closing ? "the bank has no further matching question" : "the best bank question did not fit the role or stack";
        return turn with
        {
            Source = EngineKind.Llm,
            Lines =
            [
                new InterviewerLine(LineKind.Question, reply.Question, $"personalised by the LLM because {why}; type {EnumText.Wire(type)}; difficulty {EnumText.Wire(difficulty)}",
                    id, type, difficulty, reply.Tags, Generated: new GeneratedQuestion(reply.KeyPoints, reply.FollowUpHints, type))
            ]
        };
    }
}
