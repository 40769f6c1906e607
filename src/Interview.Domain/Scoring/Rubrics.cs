using Interview.Domain.Common;

namespace Interview.Domain.Scoring;

public enum Dimension { TechnicalDepth, Communication, ProblemSolving }

/// <summary>One criterion of a rubric: an anchored 1-5 scale with a written descriptor per level.</summary>
public sealed record Criterion(string Name, string Title, double Weight, Dimension Dimension, IReadOnlyList<string> Levels)
{
    public string Descriptor(int score) => Levels[Math.Clamp(score, 1, 5) - 1];
}

/// <summary>
/// The anchored rubrics every answer is scored under, one per rubric category. Weights inside a rubric sum to 1 and
/// give the answer score; each criterion also feeds one breakdown dimension (technical depth, communication,
/// problem solving), averaged with equal weight across the interview.
/// </summary>
public static class Rubrics
{
    public const string Version = "rubric-v1";

    public static readonly IReadOnlyDictionary<QuestionType, IReadOnlyList<Criterion>> ByCategory = new Dictionary<QuestionType, IReadOnlyList<Criterion>>
    {
        [QuestionType.Behavioral] =
        [
            new("situation_task", "Situation and task", 0.20, Dimension.Communication,
            [
                "No situation: the answer is generic or hypothetical.",
                "A vague setting with no clear task or stakes.",
                "A recognisable situation, but the task or the stakes are thin.",
                "A concrete situation with a clear task and why it mattered.",
                "A vivid, specific situation: who, when, the goal and the stakes, told briefly."
            ]),
            new("actions", "Actions", 0.35, Dimension.ProblemSolving,
            [
                "No actions of the candidate's own, or only what 'we' did.",
                "One generic action, weakly owned.",
                "Some own actions, but little about how or why.",
                "Several specific actions in the first person, with reasons.",
                "A clear sequence of own, specific, well-reasoned actions that address the question directly."
            ]),
            new("result_impact", "Result and impact", 0.30, Dimension.ProblemSolving,
            [
                "No result is given.",
                "An outcome is claimed without any evidence.",
                "A concrete outcome, not measured.",
                "A measured outcome (a number, a date, a before and after).",
                "Several measured outcomes, with the impact on users, the team or the business."
            ]),
            new("reflection", "Reflection", 0.15, Dimension.Communication,
            [
                "No reflection.",
                "A token lesson ('I learned a lot').",
                "A specific lesson.",
                "A specific lesson and what they now do differently.",
                "Insightful reflection, applied since, including what they would change."
            ])
        ],
        [QuestionType.Technical] =
        [
            new("correctness", "Correctness", 0.35, Dimension.TechnicalDepth,
            [
                "Wrong or missing the point of the question.",
                "Touches one expected point; mostly incomplete.",
                "About half of the expected points, stated correctly.",
                "Most expected points, correct.",
                "All or nearly all expected points, precise and correct."
            ]),
            new("depth", "Depth", 0.25, Dimension.TechnicalDepth,
            [
                "Surface-level or buzzwords only.",
                "Some substance, no mechanisms or specifics.",
                "Explains the main mechanism.",
                "Explains mechanisms with specifics (numbers, named technologies, examples).",
                "Deep: mechanisms, specifics and experience-backed detail."
            ]),
            new("clarity", "Clarity of explanation", 0.20, Dimension.Communication,
            [
                "Hard to follow.",
                "Understandable but disorganised or very terse.",
                "Clear enough, with some structure.",
                "Well structured: a clear order and connecting reasoning.",
                "Crisp and structured, easy to follow, with an example."
            ]),
            new("tradeoffs", "Trade-offs", 0.20, Dimension.ProblemSolving,
            [
                "No trade-offs or alternatives.",
                "Mentions a downside in passing.",
                "Names a trade-off between options.",
                "Weighs several trade-offs and when each option wins.",
                "Nuanced trade-offs tied to context, with a justified choice."
            ])
        ],
        [QuestionType.SystemDesign] =
        [
            new("requirements", "Requirements", 0.20, Dimension.ProblemSolving,
            [
                "Jumps to a solution without requirements.",
                "Mentions requirements vaguely.",
                "States the main functional requirements.",
                "Functional and non-functional requirements, with some numbers.",
                "Clarifies scope, estimates load with numbers and names the key constraints."
            ]),
            new("components", "Components", 0.35, Dimension.TechnicalDepth,
            [
                "No coherent components.",
                "One or two components, loosely connected.",
                "The main components and how data flows between them.",
                "A complete design with the expected components and their responsibilities.",
                "A complete, well-justified design covering the expected components and failure handling."
            ]),
            new("scalability", "Scalability", 0.25, Dimension.TechnicalDepth,
            [
                "No consideration of scale.",
                "Mentions scaling in general terms.",
                "One concrete scaling technique.",
                "Several scaling techniques (partitioning, replication, caching, queues) applied sensibly.",
                "Scaling, bottlenecks and failure modes analysed, with mitigations."
            ]),
            new("tradeoffs", "Trade-offs", 0.20, Dimension.ProblemSolving,
            [
                "No trade-offs.",
                "Mentions a downside in passing.",
                "Names a design trade-off.",
                "Weighs several design trade-offs.",
                "Nuanced trade-offs tied to the requirements, with justified choices."
            ])
        ],
        [QuestionType.Dsa] =
        [
            new("approach", "Approach", 0.40, Dimension.TechnicalDepth,
            [
                "No workable approach.",
                "A brute-force or partial idea.",
                "A workable approach, missing important parts.",
                "The expected approach, mostly complete.",
                "The optimal approach, complete and justified."
            ]),
            new("complexity", "Complexity", 0.25, Dimension.TechnicalDepth,
            [
                "No complexity analysis.",
                "Mentions efficiency without analysis.",
                "States the time complexity.",
                "States time and space complexity.",
                "Time and space complexity, compared with the alternatives."
            ]),
            new("edge_cases", "Edge cases", 0.20, Dimension.ProblemSolving,
            [
                "No edge cases.",
                "One edge case in passing.",
                "A couple of relevant edge cases.",
                "Several relevant edge cases and how they are handled.",
                "Systematic edge cases, handled and tested."
            ]),
            new("communication", "Communication", 0.15, Dimension.Communication,
            [
                "Hard to follow.",
                "Terse or disorganised.",
                "Understandable, with some structure.",
                "Clear step-by-step explanation.",
                "Very clear explanation, walking through an example."
            ])
        ]
    };
}
