using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace StudentBase.Testing;

/// <summary>
/// The service runs the endpoint and handler code committed under <c>src/{service}/Internal/Generated</c> instead of
/// compiling it at start. That code must be exactly what the service would generate from its source now: an endpoint
/// changed without regenerating would otherwise run its old behaviour.
/// </summary>
public abstract class GeneratedCodeSpecification<TProgram>(ServiceFixture<TProgram> fixture) where TProgram : class
{
    private static readonly string Committed = Path.Combine(
        ServiceProcess.FindRepository(), "src", typeof(TProgram).Assembly.GetName().Name!, "Internal", "Generated");

    [Fact]
    public void the_committed_generated_code_is_what_the_service_generates_from_its_source_now()
    {
        var collections = fixture.Host.Services.GetServices<ICodeFileCollection>().ToArray();
        var regenerated = Directory.CreateTempSubdirectory("generated-code-").FullName;
        var outputPaths = collections.Select(collection => collection.Rules.GeneratedCodeOutputPath).ToArray();
        try
        {
            foreach (var collection in collections)
            {
                collection.Rules.GeneratedCodeOutputPath = regenerated;
            }

            // As 'codegen write' does: it also writes the roots that keep the generated types in a trimmed build.
            DynamicCodeBuilder.WithinCodegenCommand = true;
            new DynamicCodeBuilder(fixture.Host.Services, collections)
            {
                ServiceVariableSource = fixture.Host.Services.GetService<IServiceVariableSource>(),
            }.WriteGeneratedCode(_ => { });

            var expected = Files(regenerated);
            var committed = Files(Committed);
            var stale = expected.Keys.Union(committed.Keys)
                .Where(file => !committed.TryGetValue(file, out var text) || !expected.TryGetValue(file, out var fresh) || text != fresh)
                .Order(StringComparer.Ordinal)
                .ToList();
            stale.ShouldBeEmpty($"The generated code is stale: run 'bash src/generate-code.sh' and commit {Committed}.");
        }
        finally
        {
            DynamicCodeBuilder.WithinCodegenCommand = false;
            for (var index = 0; index < collections.Length; index++)
            {
                collections[index].Rules.GeneratedCodeOutputPath = outputPaths[index];
            }

            Directory.Delete(regenerated, recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(file => Path.GetRelativePath(directory, file), File.ReadAllText, StringComparer.Ordinal)
            : [];
}
