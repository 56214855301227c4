using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Shouldly;
using Xunit;

namespace StudentBase.Testing;

/// <summary>
/// The service's OpenAPI document is the contract partners generate their clients from: it changes only on purpose. The
/// committed copy (<c>tests/{Service}.Tests/openapi/{service}.v1.json</c>) must be exactly what the service serves; set
/// <c>UPDATE_OPENAPI_SNAPSHOT=1</c> to write the served one there after a deliberate change, and review the diff.
/// </summary>
public abstract class OpenApiDocumentSpecification<TProgram>(ServiceFixture<TProgram> fixture, string service) where TProgram : class
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task the_committed_document_is_exactly_the_one_the_service_serves()
    {
        var served = (await (await fixture.Host.Scenario(x => x.Get.Url("/openapi/v1.json"))).ReadAsJsonAsync<JsonObject>())!;
        var servedText = served.ToJsonString(Indented) + "\n";
        var committed = Path.Combine(ServiceProcess.FindRepository(), "tests", $"{typeof(TProgram).Assembly.GetName().Name![..^".Api".Length]}.Tests",
            "openapi", $"{service}.v1.json");

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI_SNAPSHOT") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(committed)!);
            await File.WriteAllTextAsync(committed, servedText, TestContext.Current.CancellationToken);
            return;
        }

        servedText.ShouldBe(await File.ReadAllTextAsync(committed, TestContext.Current.CancellationToken),
            $"The API changed: if on purpose, run the tests with UPDATE_OPENAPI_SNAPSHOT=1 and commit {committed}.");
    }

    [Fact]
    public async Task every_operation_is_named_says_what_access_it_needs_and_has_a_described_tag()
    {
        var served = (await (await fixture.Host.Scenario(x => x.Get.Url("/openapi/v1.json"))).ReadAsJsonAsync<JsonObject>())!;
        served.ShouldBeComplete();
    }
}
