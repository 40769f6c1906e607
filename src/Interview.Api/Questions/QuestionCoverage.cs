using Interview.Domain.Common;
using Interview.Domain.Questions;
using Marten;
using Wolverine.Http;

namespace Interview.Api.Questions;

public sealed record CoverageCell(string Track, string Company, int Count);

public sealed record Coverage(
    int Total,
    IReadOnlyDictionary<string, int> ByTrack,
    IReadOnlyDictionary<string, int> ByCompany,
    IReadOnlyDictionary<string, int> ByDifficulty,
    IReadOnlyDictionary<string, int> ByType,
    IReadOnlyList<CoverageCell> ByTrackAndCompany);

public static class QuestionCoverage
{
    /// <summary>How many stored questions exist per track, company, difficulty and type (zero counts included).</summary>
    [WolverineGet("/api/v1/questions/coverage", OperationId = "QuestionCoverage")]
    [Tags("Question bank")]
    public static async Task<Coverage> Get(IQuerySession session, CancellationToken cancellation)
    {
        var questions = await session.Query<Question>().ToListAsync(cancellation);
        static IReadOnlyDictionary<string, int> Count(IEnumerable<string> keys, IEnumerable<string> values)
        {
            var counts = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            return keys.ToDictionary(k => k, k => counts.GetValueOrDefault(k));
        }
        return new Coverage(
            questions.Count,
            Count(Catalog.Tracks, questions.Select(q => q.Track)),
            Count(Catalog.CompanyStyles, questions.Select(q => q.Company)),
            Count(EnumText.WireNames<Difficulty>(), questions.Select(q => EnumText.Wire(q.Difficulty))),
            Count(EnumText.WireNames<QuestionType>(), questions.Select(q => EnumText.Wire(q.Type))),
            Catalog.Tracks.SelectMany(t => Catalog.CompanyStyles.Select(c =>
                new CoverageCell(t, c, questions.Count(q => q.Track == t && q.Company == c)))).ToArray());
    }
}
