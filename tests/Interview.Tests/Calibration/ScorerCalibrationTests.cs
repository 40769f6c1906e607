using System.Text.Json;
using Interview.Api.Questions;
using Interview.Domain.Reports;
using Interview.Domain.Scoring;
using Shouldly;

namespace Interview.Tests.Calibration;

/// <summary>
/// The offline scorer against answers we labelled strong / adequate / weak (Calibration/answers.json):
/// it must order them by label (Spearman at least 0.9) and never score a weak answer above a strong one to the same question.
/// </summary>
public sealed class ScorerCalibrationTests(ITestOutputHelper output)
{
    private sealed record Labelled(string QuestionId, string Label, string Text);

    private static readonly Dictionary<string, int> Rank = new() { ["weak"] = 0, ["adequate"] = 1, ["strong"] = 2 };

    private static (Labelled Answer, int Score)[] Scored()
    {
        var bank = QuestionSeedLoader.Load(Path.Combine(AppContext.BaseDirectory, "seed"));
        var file = JsonSerializer.Deserialize<Dictionary<string, List<Labelled>>>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Calibration", "answers.json")), JsonSerializerOptions.Web)!["answers"];
        return file.Select(a =>
        {
            var q = bank.Find(a.QuestionId).ShouldNotBeNull($"{a.QuestionId} is not in the bank");
            var evaluation = OfflineScorer.Evaluate(new AnswerToScore(q.Id, q.Text, q.RubricCategory, q.ExpectedKeyPoints, q.Tags, [a.Text]));
            return (a, evaluation.Score);
        }).ToArray();
    }

    [Fact]
    public void the_set_is_big_enough_to_mean_something()
    {
        var scored = Scored();
        scored.Length.ShouldBeGreaterThanOrEqualTo(40);
        scored.Select(s => s.Answer.QuestionId).Distinct().Count().ShouldBeGreaterThanOrEqualTo(12);
    }

    [Fact]
    public void scores_follow_the_labels_with_spearman_at_least_09()
    {
        var scored = Scored();
        foreach (var (answer, score) in scored.OrderBy(s => s.Answer.QuestionId).ThenBy(s => Rank[s.Answer.Label]))
            output.WriteLine($"{answer.QuestionId,-40} {answer.Label,-9} {score,3}");

        var rho = Spearman(scored.Select(s => (double)Rank[s.Answer.Label]).ToArray(), scored.Select(s => (double)s.Score).ToArray());
        output.WriteLine($"Spearman rho = {rho:0.000}");
        rho.ShouldBeGreaterThanOrEqualTo(0.9);
    }

    [Fact]
    public void a_weak_answer_never_outscores_a_strong_answer_to_the_same_question()
    {
        foreach (var question in Scored().GroupBy(s => s.Answer.QuestionId))
        {
            var weakest = question.Where(s => s.Answer.Label == "weak").Max(s => s.Score);
            var strongest = question.Where(s => s.Answer.Label == "strong").Min(s => s.Score);
            weakest.ShouldBeLessThan(strongest, question.Key);
        }
    }

    private static double Spearman(double[] x, double[] y)
    {
        double[] Ranks(double[] values)
        {
            var order = values.Select((v, i) => (v, i)).OrderBy(p => p.v).ToArray();
            var ranks = new double[values.Length];
            for (var start = 0; start < order.Length;)
            {
                var end = start;
                while (end + 1 < order.Length && order[end + 1].v == order[start].v) end++;
                for (var k = start; k <= end; k++) ranks[order[k].i] = (start + end) / 2.0 + 1;
                start = end + 1;
            }
            return ranks;
        }
        var (rx, ry) = (Ranks(x), Ranks(y));
        var (mx, my) = (rx.Average(), ry.Average());
        var covariance = rx.Zip(ry).Sum(p => (p.First - mx) * (p.Second - my));
        return covariance / Math.Sqrt(rx.Sum(v => (v - mx) * (v - mx)) * ry.Sum(v => (v - my) * (v - my)));
    }
}
