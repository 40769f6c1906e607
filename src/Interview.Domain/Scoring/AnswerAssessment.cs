using System.Text.Json.Serialization;
using Interview.Domain.Questions;

namespace Interview.Domain.Scoring;

[JsonConverter(typeof(JsonStringEnumConverter<AnswerVerdict>))]
public enum AnswerVerdict
{
    [JsonStringEnumMemberName("weak")] Weak,
    [JsonStringEnumMemberName("adequate")] Adequate,
    [JsonStringEnumMemberName("strong")] Strong
}

/// <summary>How an answer (with its follow-up answers) went, as the interviewer judges it to steer the interview.</summary>
public sealed record AnswerAssessment(
    string QuestionId,
    IReadOnlyList<string> CoveredKeyPoints,
    IReadOnlyList<string> MissedKeyPoints,
    double Coverage,
    int Words,
    int Specifics,
    int ReasoningMarkers,
    AnswerVerdict Verdict,
    string Summary);

public static class AnswerAssessor
{
    public const int SubstantialWords = 40;

    /// <summary>Assesses everything the candidate said on one question against its expected key points.</summary>
    public static AnswerAssessment Assess(Question question, IReadOnlyList<string> answers)
    {
        var text = string.Join("\n", answers);
        var concepts = TextAnalysis.Concepts(text);
        var covered = question.ExpectedKeyPoints.Where(k => TextAnalysis.Covers(concepts, k)).ToArray();
        var missed = question.ExpectedKeyPoints.Except(covered).ToArray();
        var coverage = question.ExpectedKeyPoints.Count == 0 ? 0 : covered.Length / (double)question.ExpectedKeyPoints.Count;
        var words = TextAnalysis.WordCount(text);
        var specifics = TextAnalysis.NumberCount(text);
        var reasoning = TextAnalysis.ReasoningMarkerCount(text);

        var verdict = (coverage, words) switch
        {
            _ when words < 15 || coverage < 0.25 => AnswerVerdict.Weak,
            _ when coverage >= 0.6 && words >= SubstantialWords && (specifics > 0 || reasoning > 0) => AnswerVerdict.Strong,
            _ when coverage >= 0.8 && words >= SubstantialWords => AnswerVerdict.Strong,
            _ => AnswerVerdict.Adequate
        };
        var summary = $"covered {covered.Length}/{question.ExpectedKeyPoints.Count} key points in {words} words " +
                      $"({specifics} specifics, {reasoning} reasoning markers): {verdict.ToString().ToLowerInvariant()}";
        return new AnswerAssessment(question.Id, covered, missed, Math.Round(coverage, 3), words, specifics, reasoning, verdict, summary);
    }
}
