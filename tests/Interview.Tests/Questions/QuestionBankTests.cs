using System.Text.Json;
using Interview.Api.Questions;
using Interview.Domain.Questions;
using Interview.Tests.Hosting;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Questions;

public sealed class QuestionBankTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task coverage_spans_every_track_company_difficulty_and_type()
    {
        var candidate = await Host.SignedUp();
        var coverage = await (await Host.As(candidate, s => s.Get.Url("/api/v1/questions/coverage"))).ReadAsJsonAsync<JsonElement>();

        coverage.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(250);
        foreach (var group in new[] { "byTrack", "byCompany", "byDifficulty", "byType" })
            coverage.GetProperty(group).EnumerateObject().ShouldAllBe(p => p.Value.GetInt32() > 0);
        coverage.GetProperty("byTrack").EnumerateObject().Count().ShouldBe(6);
        coverage.GetProperty("byCompany").EnumerateObject().Count().ShouldBe(7);
    }

    [Fact]
    public async Task candidates_do_not_see_expected_key_points_and_coaches_do()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var candidate = await Host.SignedUp();

        var asCandidate = await (await Host.As(candidate, s => s.Get.Url("/api/v1/questions?type=dsa&pageSize=5"))).ReadAsJsonAsync<JsonElement>();
        var asAdmin = await (await Host.As(admin, s => s.Get.Url("/api/v1/questions?type=dsa&pageSize=5"))).ReadAsJsonAsync<JsonElement>();

        asCandidate.GetProperty("items").EnumerateArray().ShouldAllBe(q => q.GetProperty("expectedKeyPoints").ValueKind == JsonValueKind.Null);
        asAdmin.GetProperty("items").EnumerateArray().ShouldAllBe(q => q.GetProperty("expectedKeyPoints").GetArrayLength() > 0);
        asCandidate.GetProperty("items").EnumerateArray().ShouldAllBe(q => q.GetProperty("type").GetString() == "dsa");
        asCandidate.GetProperty("pageSize").GetInt32().ShouldBe(5);
        asCandidate.GetProperty("total").GetInt32().ShouldBe(asAdmin.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task filters_combine_and_page()
    {
        var candidate = await Host.SignedUp();
        var bank = Host.Services.GetRequiredService<QuestionBank>();
        var expected = bank.All.Count(q => q.Track == "backend" && q.Company == "general" && q.Difficulty == Domain.Common.Difficulty.Hard);

        var page = await (await Host.As(candidate, s => s.Get.Url("/api/v1/questions?track=backend&company=general&difficulty=hard&page=1&pageSize=100")))
            .ReadAsJsonAsync<JsonElement>();

        page.GetProperty("total").GetInt32().ShouldBe(expected);
        page.GetProperty("items").GetArrayLength().ShouldBe(expected);
    }

    [Fact]
    public async Task an_unknown_filter_value_is_a_validation_problem()
    {
        var candidate = await Host.SignedUp();
        var result = await Host.As(candidate, s => { s.Get.Url("/api/v1/questions?type=riddle&pageSize=1000"); s.StatusCodeShouldBe(400); });
        var errors = (await result.ProblemOf()).GetProperty("errors");
        errors.TryGetProperty("type", out _).ShouldBeTrue();
        errors.TryGetProperty("pageSize", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task seeding_again_adds_nothing_and_an_edited_question_is_updated()
    {
        var bank = Host.Services.GetRequiredService<QuestionBank>();
        (await QuestionBankSeeder.SeedAsync(Fixture.Store, bank, CancellationToken.None)).ShouldBe((0, 0));

        var edited = bank.All[0] with { Text = "An edited question text?", ContentHash = "edited" };
        var editedBank = new QuestionBank(bank.All.Skip(1).Append(edited));
        (await QuestionBankSeeder.SeedAsync(Fixture.Store, editedBank, CancellationToken.None)).ShouldBe((0, 1));

        await using var session = Fixture.Store.QuerySession();
        (await session.LoadAsync<Question>(edited.Id))!.Text.ShouldBe("An edited question text?");
        (await session.Query<Question>().CountAsync()).ShouldBe(bank.All.Count);
    }
}

public sealed class QuestionSeedLoaderTests
{
    [Fact]
    public void a_malformed_file_stops_loading_with_the_file_question_and_field_named()
    {
        var root = Directory.CreateTempSubdirectory("seed");
        var folder = Directory.CreateDirectory(Path.Combine(root.FullName, "questions", "backend", "general"));
        File.WriteAllText(Path.Combine(folder.FullName, "easy.json"), """
            {"questions":[{"id":"backend.general.easy.01","text":"What is an index?","type":"technical",
              "tags":["indexing"],"techStack":[],"expectedKeyPoints":["b-tree"],"followUpHints":["When not?"],
              "rubricCategory":"poetry"}]}
            """);

        var error = Should.Throw<InvalidOperationException>(() => QuestionSeedLoader.Load(root.FullName));

        error.Message.ShouldContain("backend/general/easy.json");
        error.Message.ShouldContain("backend.general.easy.01");
        error.Message.ShouldContain("rubricCategory");
    }

    [Fact]
    public void the_shipped_bank_loads_without_problems()
    {
        var bank = QuestionSeedLoader.Load(Path.Combine(AppContext.BaseDirectory, "seed"));
        bank.All.Count.ShouldBeGreaterThanOrEqualTo(250);
        bank.All.Select(q => q.Id).Distinct().Count().ShouldBe(bank.All.Count);
    }
}
