using System.Text.Json.Nodes;
using Alba;

namespace Internships.Tests;

public class ServiceDefaultsTests(InternshipsFixture fixture)
{
    [Fact]
    public async Task health_reports_the_database_as_reachable()
    {
        var result = await fixture.Host.Scenario(x => x.Get.Url("/health"));
        var report = (await result.ReadAsJsonAsync<JsonObject>())!;
        report["status"]!.GetValue<string>().ShouldBe("Healthy");
        report["checks"]!["postgresql"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
    }

    [Fact]
    public async Task the_openapi_document_describes_the_student_endpoints()
    {
        var result = await fixture.Host.Scenario(x => x.Get.Url("/openapi/v1.json"));
        var document = (await result.ReadAsJsonAsync<JsonObject>())!;
        var paths = document["paths"]!.AsObject();
        paths.ContainsKey("/api/students").ShouldBeTrue();
        paths.ContainsKey("/api/students/{id}").ShouldBeTrue();
    }

    [Fact]
    public async Task the_api_reference_page_is_served()
    {
        await fixture.Host.Scenario(x =>
        {
            x.Get.Url("/scalar/v1");
            x.StatusCodeShouldBeOk();
        });
    }
}
