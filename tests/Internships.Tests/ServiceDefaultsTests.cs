using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Http;
using StudentBase.Testing;

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

    [Fact]
    public async Task a_body_that_is_not_json_is_an_unsupported_media_type_problem()
    {
        await fixture.Host.Scenario(x =>
        {
            x.Post.Text("Daniel Smith, GB").ToUrl("/api/students");
            x.As(PartnerKeys.BaseAdministrator);
            x.WithRequestHeader("Content-Type", "text/plain");
            x.StatusCodeShouldBe(StatusCodes.Status415UnsupportedMediaType);
            x.ContentTypeShouldBe("application/problem+json");
        });
    }

    [Fact]
    public async Task an_unknown_route_is_a_not_found_problem()
    {
        await fixture.Host.Scenario(x =>
        {
            x.Get.Url("/api/no-such-thing");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
            x.ContentTypeShouldBe("application/problem+json");
        });
    }
}
