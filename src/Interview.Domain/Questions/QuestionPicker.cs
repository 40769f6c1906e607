using Interview.Domain.Common;
using Interview.Domain.Sessions;

namespace Interview.Domain.Questions;

/// <summary>What the picker is asked for: the interview's criteria plus what has already been asked.</summary>
public sealed record PickRequest(
    Guid InterviewId,
    InterviewConfig Config,
    QuestionType Type,
    Difficulty TargetDifficulty,
    IReadOnlyCollection<string> AskedInThisInterview,
    IReadOnlyCollection<string> TagsAskedInThisInterview,
    IReadOnlyCollection<string> SeenInEarlierInterviews);

public sealed record PickedQuestion(Question Question, string Reason);

/// <summary>
/// Chooses the next bank question: matching type, track, company style and tech stack, near the target difficulty,
/// spreading tags, and never repeating a question the candidate saw before until the matching pool is exhausted.
/// Deterministic: ties are broken by a stable hash of (interview, question).
/// </summary>
public static class QuestionPicker
{
    public static PickedQuestion? Pick(QuestionBank bank, PickRequest request)
    {
        var pool = MatchingPool(bank, request);
        var fresh = pool.Where(q => !request.AskedInThisInterview.Contains(q.Id)).ToArray();
        if (fresh.Length == 0) return null;

        var unseen = fresh.Where(q => !request.SeenInEarlierInterviews.Contains(q.Id)).ToArray();
        var exhausted = unseen.Length == 0;
        var candidates = exhausted ? fresh : unseen;

        var best = candidates
            .Select(q => (Question: q, Score: Score(q, request)))
            .OrderByDescending(x => x.Score.Total)
            .ThenBy(x => StableHash(request.InterviewId, x.Question.Id))
            .First();

        var reason = string.Join("; ",
            new[]
            {
                $"type {EnumText.Wire(request.Type)}",
                $"difficulty {EnumText.Wire(best.Question.Difficulty)} (target {EnumText.Wire(request.TargetDifficulty)})",
                best.Score.TrackNote, best.Score.CompanyNote, best.Score.StackNote, best.Score.TagNote,
                exhausted
                    ? $"all {fresh.Length} matching questions were seen in earlier interviews, so one is repeated"
                    : $"not seen before ({unseen.Length} unseen matching questions left)"
            }.Where(s => s.Length > 0));
        return new PickedQuestion(best.Question, reason);
    }

    /// <summary>Questions of the wanted type for the track; other tracks only when the track has none of that type.</summary>
    private static IReadOnlyList<Question> MatchingPool(QuestionBank bank, PickRequest request)
    {
        var ofType = bank.All.Where(q => q.Type == request.Type).ToArray();
        var onTrack = ofType.Where(q => q.Track == request.Config.Track).ToArray();
        return onTrack.Length > 0 && onTrack.Any(q => !request.AskedInThisInterview.Contains(q.Id)) ? onTrack : ofType;
    }

    private sealed record Fit(double Total, string TrackNote, string CompanyNote, string StackNote, string TagNote);

    private static Fit Score(Question q, PickRequest request)
    {
        var config = request.Config;
        var trackScore = q.Track == config.Track ? 8 : 0;
        var trackNote = q.Track == config.Track ? $"track {q.Track}" : $"borrowed from track {q.Track} (none left on {config.Track})";

        var company = Catalog.Normalize(config.CompanyStyle);
        var (companyScore, companyNote) = q.Company == company
            ? (company == Catalog.GeneralCompany ? 4 : 6, $"company style {q.Company}")
            : q.Company == Catalog.GeneralCompany
                ? (2, "general question (no unseen match for the company style)")
                : (-3, $"from {q.Company} style");

        var distance = Math.Abs((int)q.Difficulty - (int)request.TargetDifficulty);
        var difficultyScore = -5 * distance;

        var stack = config.TechStack.Select(Catalog.Normalize).ToHashSet();
        var stackHits = q.TechStack.Where(stack.Contains).ToArray();
        var (stackScore, stackNote) = q.TechStack.Count == 0
            ? (0, "")
            : stackHits.Length > 0
                ? (3 * stackHits.Length, $"matches tech stack {string.Join(", ", stackHits)}")
                : (-4, $"stack {string.Join(", ", q.TechStack)} outside the candidate's");

        var repeatedTags = q.Tags.Where(request.TagsAskedInThisInterview.Contains).ToArray();
        var tagScore = -3 * repeatedTags.Length;
        var tagNote = repeatedTags.Length == 0
            ? $"new topics {string.Join(", ", q.Tags)}"
            : $"repeats topic {string.Join(", ", repeatedTags)}";

        return new Fit(trackScore + companyScore + difficultyScore + stackScore + tagScore, trackNote, companyNote, stackNote, tagNote);
    }

    private static uint StableHash(Guid interviewId, string questionId)
    {
        // FNV-1a over the interview id and question id: the same interview always gets the same order.
        var hash = 2166136261u;
        foreach (var ch in interviewId.ToString("N") + questionId)
        {
            hash ^= ch;
            hash *= 16777619u;
        }
        return hash;
    }
}
