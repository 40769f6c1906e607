using Interview.Domain.Common;
using Interview.Domain.Scoring;

namespace Interview.Domain.Reports;

/// <summary>
/// Builds the report from criterion results only: the overall score is the mean answer score of the answered
/// questions (unscorable answers count as zero), and each breakdown dimension is the mean of the criteria that feed it,
/// scaled to 0-100. Nothing here takes a number from a model.
/// </summary>
public static class ReportComposer
{
    public static InterviewReport Compose(int version, IReadOnlyList<AnswerEvaluation> answers, ScoredBy scoredBy, bool endedEarly,
        int questionsPlanned, DateTimeOffset now)
    {
        var overall = answers.Count == 0 ? 0 : (int)Math.Round(answers.Average(a => a.Score));
        var scored = answers.Where(a => a.NotScoredReason is null).ToArray();
        var byDimension = scored
            .SelectMany(a => a.Criteria.Select(c => (Criterion: Rubrics.ByCategory[a.Category].First(r => r.Name == c.Name), c.Score)))
            .GroupBy(x => x.Criterion.Dimension)
            .ToDictionary(g => g.Key, g => (int?)Math.Round((g.Average(x => x.Score) - 1) / 4 * 100));

        var strengths = scored.SelectMany(a => a.Criteria.Where(c => c.Score >= 4).Select(c => (a, c)))
            .OrderByDescending(x => x.c.Score).Take(5)
            .Select(x => $"{x.c.Title} on \"{Short(x.a.Question)}\" ({x.c.Score}/5): {x.c.Evidence}").ToList();
        var weakCriteria = scored.SelectMany(a => a.Criteria.Where(c => c.Score <= 2).Select(c => (a, c))).OrderBy(x => x.c.Score).ToArray();
        var weaknesses = weakCriteria.Take(6)
            .Select(x => $"{x.c.Title} on \"{Short(x.a.Question)}\" ({x.c.Score}/5): {x.c.Evidence}").ToList();
        weaknesses.AddRange(answers.Where(a => a.NotScoredReason is not null)
            .Select(a => $"\"{Short(a.Question)}\" was not scored: {a.NotScoredReason}."));

        var recommendations = weakCriteria.Select(x => x.c.Name).Distinct().Select(name => Advice.GetValueOrDefault(name, "")).Where(a => a.Length > 0).Take(5).ToList();
        if (answers.Any(a => a.NotScoredReason is not null))
            recommendations.Add("Give every question a real, on-topic answer in your own words: unscorable answers count as zero.");
        if (endedEarly)
            recommendations.Add($"Finish the interview: only {answers.Count} of {questionsPlanned} questions were answered, and the score covers those alone.");

        var note = endedEarly
            ? $"The interview was ended early: scored on the {answers.Count} answered question(s) of {questionsPlanned} planned."
            : null;
        return new InterviewReport(version, overall,
            new Breakdown(byDimension.GetValueOrDefault(Dimension.TechnicalDepth), byDimension.GetValueOrDefault(Dimension.Communication),
                byDimension.GetValueOrDefault(Dimension.ProblemSolving)),
            answers, strengths, weaknesses, recommendations, StudyPlan(answers), scoredBy, endedEarly, answers.Count, questionsPlanned, note, now);
    }

    /// <summary>Topics from the tags of the weaker answers and their missed key points, each with a concrete next exercise.</summary>
    public static IReadOnlyList<StudyItem> StudyPlan(IReadOnlyList<AnswerEvaluation> answers) =>
        answers.Where(a => a.Score < 70)
            .OrderBy(a => a.Score)
            .SelectMany(a => (a.Tags.Count > 0 ? a.Tags : [EnumText.Wire(a.Category)]).Take(1).Select(tag => (tag, a)))
            .GroupBy(x => x.tag)
            .Take(6)
            .Select(g =>
            {
                var a = g.First().a;
                var missed = g.SelectMany(x => x.a.KeyPointsMissed).Distinct().Take(3).ToArray();
                var weakest = a.Criteria.OrderBy(c => c.Score).FirstOrDefault();
                var reason = a.NotScoredReason is not null
                    ? $"the answer to \"{Short(a.Question)}\" was not scored ({a.NotScoredReason})"
                    : $"scored {a.Score}/100 on \"{Short(a.Question)}\"" + (weakest is null ? "" : $"; weakest: {weakest.Title.ToLowerInvariant()} {weakest.Score}/5")
                      + (missed.Length > 0 ? $"; missed: {string.Join("; ", missed)}" : "");
                return new StudyItem(g.Key.Replace('-', ' '), reason, Exercise(a, missed));
            })
            .ToArray();

    private static string Exercise(AnswerEvaluation a, string[] missed)
    {
        var points = missed.Length > 0 ? string.Join(", ", missed) : "the points you skipped";
        return a.Category switch
        {
            QuestionType.Behavioral => $"Write a STAR story for \"{Short(a.Question)}\": one sentence of situation, three \"I\" actions, a result with a number, and one lesson; then tell it aloud in under two minutes.",
            QuestionType.SystemDesign => $"In 25 minutes, sketch \"{Short(a.Question)}\" again: requirements with numbers first, then components covering {points}, then two trade-offs.",
            QuestionType.Dsa => $"Re-solve \"{Short(a.Question)}\" on paper: state the approach ({points}), time and space complexity, and three edge cases before writing code.",
            _ => $"Write a one-page explanation of \"{Short(a.Question)}\" covering {points}, with one example and one trade-off; then explain it aloud in three minutes."
        };
    }

    private static readonly Dictionary<string, string> Advice = new()
    {
        ["situation_task"] = "Open behavioural answers with one or two sentences of concrete context: the team, the goal and what was at stake.",
        ["actions"] = "Say what you did, in the first person, step by step, and why: interviewers score your actions, not the team's.",
        ["result_impact"] = "End stories with a measured result: a number, a before and after, or a date met.",
        ["reflection"] = "Close with a specific lesson and what you now do differently.",
        ["correctness"] = "Cover the core concepts the question targets before going into detail; list them first, then explain each.",
        ["depth"] = "Go one level deeper: explain the mechanism, and back it with a specific example, number or technology you used.",
        ["clarity"] = "Structure explanations: state the answer, then the reasons in order (first, then, finally), then an example.",
        ["tradeoffs"] = "Name the alternatives and their costs: say when you would choose each option and why.",
        ["requirements"] = "Start designs by clarifying requirements and estimating scale with numbers (users, requests per second, data size).",
        ["components"] = "Walk through the main components and the data flow between them before optimising anything.",
        ["scalability"] = "Show how the design scales: partitioning, replication, caching and queues, and where the bottleneck is.",
        ["approach"] = "Explain the algorithm before coding, starting from brute force and improving it.",
        ["complexity"] = "Always state time and space complexity in big-O, and compare with the brute-force solution.",
        ["edge_cases"] = "List edge cases out loud (empty input, duplicates, negatives, overflow) and say how you handle each.",
        ["communication"] = "Talk through your solution step by step and test it on a small example."
    };

    private static string Short(string text) => text.Length <= 70 ? text : text[..67] + "...";
}
