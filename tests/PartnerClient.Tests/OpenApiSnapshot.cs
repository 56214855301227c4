using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using StudentBase.Testing;

namespace PartnerClient.Tests;

/// <summary>
/// The client in Generated/ is generated (by Kiota, see generate.sh) from the committed document in openapi/.
/// When the service's API changes, this test fails until the document and the client are regenerated.
/// </summary>
public class OpenApiSnapshot(PartnerClientFixture fixture)
{
    private static readonly string Committed = Path.Combine(AppContext.BaseDirectory, "openapi", "internships.v1.json");

    [Fact]
    public async Task the_committed_document_is_the_one_the_service_serves()
    {
        var served = (await (await fixture.Host.Scenario(x => x.Get.Url("/openapi/v1.json"))).ReadAsJsonAsync<JsonObject>())!;
        var servedText = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI_SNAPSHOT") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "openapi", "internships.v1.json"));
            await File.WriteAllTextAsync(source, servedText, TestContext.Current.CancellationToken);
            return;
        }

        JsonNode.DeepEquals(served, JsonNode.Parse(await File.ReadAllTextAsync(Committed, TestContext.Current.CancellationToken)))
            .ShouldBeTrue("The API changed: run tests/PartnerClient.Tests/generate.sh and commit the new document and client.");
    }

    [Fact]
    public async Task every_operation_is_named_says_what_access_it_needs_and_has_a_described_tag()
    {
        var served = (await (await fixture.Host.Scenario(x => x.Get.Url("/openapi/v1.json"))).ReadAsJsonAsync<JsonObject>())!;
        served.ShouldBeComplete();
    }
}
