using System.Runtime.CompilerServices;
using Interview.Tests.Hosting;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Services;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Operations;

public sealed class GeneratedCodeTests(AppFixture fixture) : ApiTest(fixture)
{
    public const string RegenerateCommand = "./build/regenerate-code.sh";

    [Fact]
    public void the_committed_generated_code_matches_what_the_handlers_generate_today()
    {
        var committed = Path.Combine(RepositoryRoot(), "src", "Interview.Api", "Internal", "Generated");
        var fresh = Directory.CreateTempSubdirectory("interview-codegen").FullName;
        var collections = Host.Services.GetServices<ICodeFileCollection>().ToArray();
        foreach (var rules in collections.Select(c => c.Rules).Distinct()) rules.GeneratedCodeOutputPath = fresh;
        new DynamicCodeBuilder(Host.Services, collections)
        {
            ServiceVariableSource = new ServiceCollectionServerVariableSource(Host.Services.GetRequiredService<IServiceContainer>())
        }.WriteGeneratedCode(_ => { });

        var expected = Files(fresh);
        var actual = Files(committed);
        expected.Count.ShouldBeGreaterThan(10);
        var stale = expected.Keys.Union(actual.Keys)
            .Where(file => !expected.TryGetValue(file, out var text) || !actual.TryGetValue(file, out var old) || text != old)
            .Order().ToArray();
        stale.ShouldBeEmpty($"The pre-generated Wolverine code is stale; run `{RegenerateCommand}` and commit src/Interview.Api/Internal/Generated");
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(file => Path.GetRelativePath(root, file).Replace('\\', '/'), file => File.ReadAllText(file).ReplaceLineEndings())
            : [];

    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}
