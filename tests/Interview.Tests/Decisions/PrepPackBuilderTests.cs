using Interview.Api.Questions;
using Interview.Domain.Common;
using Interview.Domain.Prep;
using Shouldly;

namespace Interview.Tests.Decisions;

public sealed class PrepPackBuilderTests
{
    private static readonly Interview.Domain.Questions.QuestionBank Bank = QuestionSeedLoader.Load(Path.Combine(AppContext.BaseDirectory, "seed"));
    private static readonly CompanyCatalog Companies = CompanySeedLoader.Load(Path.Combine(AppContext.BaseDirectory, "seed"));

    private static IReadOnlyList<Interview.Domain.Questions.Question> BankQuestions(PrepPackContent pack) =>
        pack.Questions.Where(q => q.BankQuestionId is not null).Select(q => Bank.Find(q.BankQuestionId)!).ToArray();

    [Fact]
    public void questions_follow_the_candidates_role_stack_and_level()
    {
        var junior = PrepPackBuilder.Build("Shopify", "Frontend Developer", null, Companies.Find("shopify"), Bank, new PrepCandidate(null, 0, ["react", "javascript"]));
        var senior = PrepPackBuilder.Build("Shopify", "Backend Engineer", null, Companies.Find("shopify"), Bank, new PrepCandidate(null, 8, ["go", "postgresql"]));

        BankQuestions(junior).ShouldAllBe(q => q.Track == "frontend");
        BankQuestions(junior).Where(q => q.TechStack.Count > 0).ShouldContain(q => q.TechStack.Contains("react") || q.TechStack.Contains("javascript"));
        BankQuestions(junior).Average(q => (int)q.Difficulty).ShouldBeLessThan(BankQuestions(senior).Average(q => (int)q.Difficulty));
        BankQuestions(senior).ShouldAllBe(q => q.Track == "backend");
        junior.Questions.Where(q => q.Type == PrepQuestionType.Technical).ShouldContain(q => q.Tips.Any(t => t.Contains("your own")));
    }

    [Fact]
    public void company_names_match_case_space_and_punctuation_insensitively_and_aliases_count()
    {
        Companies.Find("  goldman   SACHS ")!.Slug.ShouldBe("goldman-sachs");
        Companies.Find("Goldman-Sachs")!.Slug.ShouldBe("goldman-sachs");
        Companies.Find("AWS")!.Slug.ShouldBe("amazon");
        Companies.Find("Initech").ShouldBeNull();
        Companies.All.Count.ShouldBeGreaterThanOrEqualTo(20);
    }

    [Fact]
    public void a_known_company_in_the_question_bank_gets_its_own_style_of_questions()
    {
        var pack = PrepPackBuilder.Build("Amazon", "Software Engineer", null, Companies.Find("amazon"), Bank, new PrepCandidate(null, 3, []));
        BankQuestions(pack).ShouldContain(q => q.Company == "amazon");
        pack.Questions.Count(q => q.Type == PrepQuestionType.Company).ShouldBe(3);
        pack.IsGeneric.ShouldBeFalse();
    }
}
