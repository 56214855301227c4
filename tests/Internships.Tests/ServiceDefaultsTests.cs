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
        report["status"]!.GetValue<string>().ShouldNotBe("Unhealthy");
        report["checks"]!["postgresql"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        report["checks"]!.AsObject().ContainsKey("messaging").ShouldBeTrue();
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
    public async Task the_openapi_document_describes_the_partner_contract()
    {
        var document = (await (await fixture.Host.Scenario(x => x.Get.Url("/openapi/v1.json"))).ReadAsJsonAsync<JsonObject>())!;

        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        scheme["type"]!.GetValue<string>().ShouldBe("apiKey");
        scheme["name"]!.GetValue<string>().ShouldBe("X-Api-Key");
        document["components"]!["schemas"]!["Problem"].ShouldNotBeNull();

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Name: $"{operation.Key} {path.Key}", Operation: operation.Value!)))
            .Where(operation => operation.Name.Contains("/api/"))
            .ToList();
        operations.ShouldNotBeEmpty();
        foreach (var (name, operation) in operations)
        {
            operation["security"].ShouldNotBeNull(name);
            var responses = operation["responses"]!.AsObject();
            foreach (var status in new[] { "401", "403", "429" })
            {
                responses.ContainsKey(status).ShouldBeTrue($"{name} documents {status}");
                responses[status]!["content"]!["application/problem+json"].ShouldNotBeNull(name);
            }

            if (name.StartsWith("post", StringComparison.OrdinalIgnoreCase))
            {
                operation["parameters"]!.AsArray().Select(parameter => parameter!["name"]!.GetValue<string>()).ShouldContain("Idempotency-Key", name);
            }
        }

        var correction = document["paths"]!["/api/students/{id}/corrections"]!["post"]!;
        correction["parameters"]!.AsArray().Select(parameter => parameter!["name"]!.GetValue<string>()).ShouldContain("If-Match");
        correction["responses"]!.AsObject().ContainsKey("412").ShouldBeTrue();
        document["paths"]!["/api/students/{id}"]!["get"]!["responses"]!["200"]!["headers"]!["ETag"].ShouldNotBeNull();

        var schemas = document["components"]!["schemas"]!;
        foreach (var exampled in new[] { "RegisterStudent", "StudentDetails", "StudentSummary", "CorrectStudentRecord", "IssueApiKey", "IssuedApiKey" })
        {
            schemas[exampled]!["examples"]!.AsArray().ShouldHaveSingleItem().ShouldNotBeNull($"{exampled} has an example");
        }

        schemas["RegisterStudent"]!["examples"]![0]!["degreeLevel"]!.GetValue<string>().ShouldBe("Bachelor");
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
