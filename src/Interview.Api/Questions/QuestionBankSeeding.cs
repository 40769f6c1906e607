using Interview.Domain.Questions;
using Marten;

namespace Interview.Api.Questions;

/// <summary>Reads seed/questions/**.json; any malformed file stops start-up with the file, question and field named.</summary>
public static class QuestionSeedLoader
{
    public static QuestionBank Load(string seedDirectory)
    {
        var questionsDirectory = Path.Combine(seedDirectory, "questions");
        if (!Directory.Exists(questionsDirectory))
            throw new InvalidOperationException($"The question bank folder '{questionsDirectory}' does not exist.");

        var questions = new List<Question>();
        var problems = new List<QuestionFile.Problem>();
        foreach (var file in Directory.EnumerateFiles(questionsDirectory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(questionsDirectory, file).Replace('\\', '/');
            var (parsed, fileProblems) = QuestionFile.Parse(relative, File.ReadAllText(file));
            questions.AddRange(parsed);
            problems.AddRange(fileProblems);
        }
        foreach (var duplicate in questions.GroupBy(q => q.Id).Where(g => g.Count() > 1))
            problems.Add(new QuestionFile.Problem("seed/questions", duplicate.Key, "id", "is used in more than one file"));

        if (problems.Count > 0)
            throw new InvalidOperationException(
                "The question bank is malformed:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  seed/questions/" + p)));
        return new QuestionBank(questions);
    }
}

/// <summary>Upserts the bank into Marten at start-up: new and edited questions are written, unchanged ones are not.</summary>
public sealed class QuestionBankSeeder(IDocumentStore store, QuestionBank bank, ILogger<QuestionBankSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (added, updated) = await SeedAsync(store, bank, cancellationToken);
        logger.LogInformation("Question bank: {Total} questions, {Added} added, {Updated} updated", bank.All.Count, added, updated);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task<(int Added, int Updated)> SeedAsync(IDocumentStore store, QuestionBank bank, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var stored = (await session.Query<Question>().ToListAsync(cancellation)).ToDictionary(q => q.Id);
        var added = bank.All.Where(q => !stored.ContainsKey(q.Id)).ToArray();
        var updated = bank.All.Where(q => stored.TryGetValue(q.Id, out var old) && old.ContentHash != q.ContentHash).ToArray();
        if (added.Length + updated.Length == 0) return (0, 0);
        session.Store(added.Concat(updated).ToArray());
        await session.SaveChangesAsync(cancellation);
        return (added.Length, updated.Length);
    }
}

public static class QuestionBankRegistration
{
    public static WebApplicationBuilder AddQuestionBank(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => QuestionSeedLoader.Load(SeedDirectory(sp)));
        builder.Services.AddSingleton(sp => CompanySeedLoader.Load(SeedDirectory(sp)));
        builder.Services.AddHostedService<QuestionBankSeeder>();
        return builder;
    }

    private static string SeedDirectory(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>()["Interview:SeedDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, services.GetRequiredService<IHostEnvironment>().ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, "seed");
}

/// <summary>Reads seed/companies/*.json; a malformed file stops start-up naming the file and the field.</summary>
public static class CompanySeedLoader
{
    public static Interview.Domain.Prep.CompanyCatalog Load(string seedDirectory)
    {
        var folder = Path.Combine(seedDirectory, "companies");
        var companies = new List<Interview.Domain.Prep.CompanyProfile>();
        var problems = new List<string>();
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray() : [])
        {
            var (company, fileProblems) = Interview.Domain.Prep.CompanyCatalog.Parse("seed/companies/" + Path.GetFileName(file), File.ReadAllText(file));
            if (company is not null) companies.Add(company);
            problems.AddRange(fileProblems);
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("The company data is malformed:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        return new Interview.Domain.Prep.CompanyCatalog(companies);
    }
}
