using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Http;
using StudentBase.Http;
using StudentBase.Testing;

namespace Internships.Tests;

/// <summary>Every error is RFC 9457 problem details with a stable type per kind.</summary>
public class ErrorAnswers(InternshipsFixture fixture)
{
    private static async Task<JsonObject> ProblemOf(IScenarioResult result) => (await result.ReadAsJsonAsync<JsonObject>())!;

    [Fact]
    public async Task an_unknown_property_is_a_malformed_request()
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Text("""{"fullName":"Daniel","favouriteColour":"blue"}""").ToUrl("/api/students");
            x.WithRequestHeader("Content-Type", "application/json");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });

        var problem = await ProblemOf(result);
        problem["type"]!.GetValue<string>().ShouldBe("/problems/malformed-request");
        problem["detail"]!.GetValue<string>().ShouldContain("favouriteColour");
    }

    [Theory]
    [InlineData(null, "en", "One or more fields are invalid.", "'Full Name' must not be empty.")]
    [InlineData("zh-CN", "zh-CN", "一个或多个字段无效。", "'Full Name' 不能为空。")]
    [InlineData("zh-Hans,en;q=0.5", "zh-Hans", "一个或多个字段无效。", "'Full Name' 不能为空。")]
    [InlineData("zh-TW", "en", "One or more fields are invalid.", "'Full Name' must not be empty.")]
    [InlineData("fr-FR, en;q=0.8", "en", "One or more fields are invalid.", "'Full Name' must not be empty.")]
    public async Task a_problem_is_told_in_the_language_the_partner_accepts_english_by_default(
        string? acceptLanguage, string contentLanguage, string title, string message)
    {
        var nomination = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Given.NominationOf(PartnerKeys.XiamenUniversity, "")))!;
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Text(nomination.ToJsonString()).ToUrl("/api/students");
            x.WithRequestHeader("Content-Type", "application/json");
            if (acceptLanguage is not null)
            {
                x.WithRequestHeader("Accept-Language", acceptLanguage);
            }

            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });

        result.Context.Response.Headers.ContentLanguage.ToString().ShouldBe(contentLanguage);
        var problem = await ProblemOf(result);
        problem["type"]!.GetValue<string>().ShouldBe("/problems/validation");
        problem["title"]!.GetValue<string>().ShouldBe(title);
        problem["errors"]!["fullName"]![0]!.GetValue<string>().ShouldBe(message);
    }

    [Fact]
    public async Task the_catalogue_of_problem_types_and_the_framework_s_own_problems_are_told_in_simplified_chinese_too()
    {
        var described = await fixture.Host.Scenario(x =>
        {
            x.Get.Url("/problems/precondition-failed");
            x.WithRequestHeader("Accept-Language", "zh-CN");
        });
        var description = await ProblemOf(described);
        description["title"]!.GetValue<string>().ShouldBe("资源已更改。");
        description["description"]!.GetValue<string>().ShouldStartWith("If-Match 请求头");

        var unauthenticated = await fixture.Host.Scenario(x =>
        {
            x.Get.Url("/api/students");
            x.WithRequestHeader("Accept-Language", "zh-CN");
            x.StatusCodeShouldBe(StatusCodes.Status401Unauthorized);
        });
        (await ProblemOf(unauthenticated))["title"]!.GetValue<string>().ShouldBe("需要 API 密钥。");

        var missing = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Get.Url($"/api/students/{Guid.NewGuid()}");
            x.WithRequestHeader("Accept-Language", "zh-CN");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        (await ProblemOf(missing))["title"]!.GetValue<string>().ShouldBe("未找到。");
    }

    [Fact]
    public async Task a_refusal_and_a_rule_s_own_message_are_told_in_simplified_chinese_too()
    {
        var refused = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(Given.NominationOf(Guid.NewGuid())).ToUrl("/api/students");
            x.WithRequestHeader("Accept-Language", "zh-CN");
            x.StatusCodeShouldBe(StatusCodes.Status422UnprocessableEntity);
        });
        var refusal = await ProblemOf(refused);
        refusal["title"]!.GetValue<string>().ShouldBe("业务规则拒绝了该请求。");
        refusal["detail"]!.GetValue<string>().ShouldBe("该高校尚未在基地注册。");
        refusal["rule"]!.GetValue<string>().ShouldBe("students-are-nominated-by-a-registered-university");

        var nomination = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Given.NominationOf(PartnerKeys.XiamenUniversity)))!;
        nomination["nationality"] = "XX";
        var invalid = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Text(nomination.ToJsonString()).ToUrl("/api/students");
            x.WithRequestHeader("Content-Type", "application/json");
            x.WithRequestHeader("Accept-Language", "zh-CN");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });
        (await ProblemOf(invalid))["errors"]!["nationality"]![0]!.GetValue<string>().ShouldBe("'XX' 不是 ISO 3166-1 alpha-2 国家代码。");

        var inEnglish = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Text(nomination.ToJsonString()).ToUrl("/api/students");
            x.WithRequestHeader("Content-Type", "application/json");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });
        (await ProblemOf(inEnglish))["errors"]!["nationality"]![0]!.GetValue<string>().ShouldBe("'XX' is not an ISO 3166-1 alpha-2 country code.");
    }

    [Fact]
    public async Task an_oversized_body_is_refused_before_it_is_read()
    {
        var oversized = $$"""{"fullName":"{{new string('x', (int)RequestLimits.MaxBodyBytes)}}"}""";
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Text(oversized).ToUrl("/api/students");
            x.WithRequestHeader("Content-Type", "application/json");
            x.StatusCodeShouldBe(StatusCodes.Status413PayloadTooLarge);
        });

        (await ProblemOf(result))["type"]!.GetValue<string>().ShouldBe("/problems/payload-too-large");
    }

    [Fact]
    public async Task a_partner_over_its_rate_limit_is_told_when_to_retry_and_can_still_read_the_contract()
    {
        for (var i = 0; i < PartnerKeys.RateLimitedPermitsPerMinute; i++)
        {
            await fixture.Host.Scenario(x =>
            {
                x.As(PartnerKeys.RateLimited).Get.Url($"/api/students/{Guid.CreateVersion7()}");
                x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
            });
        }

        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.RateLimited).Get.Url($"/api/students/{Guid.CreateVersion7()}");
            x.StatusCodeShouldBe(StatusCodes.Status429TooManyRequests);
        });

        int.Parse(result.Context.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        (await ProblemOf(result))["type"]!.GetValue<string>().ShouldBe("/problems/rate-limited");

        // Other partners are not affected, and the contract is still there to read.
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Analyst).Get.Url($"/api/students/{Guid.CreateVersion7()}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        foreach (var contract in new[] { "/openapi/v1.json", "/scalar/v1", Problems.RateLimited.Type })
        {
            await fixture.Host.Scenario(x =>
            {
                x.As(PartnerKeys.RateLimited).Get.Url(contract);
                x.StatusCodeShouldBeOk();
            });
        }
    }

    [Fact]
    public async Task every_problem_type_is_described_at_its_address()
    {
        foreach (var kind in Problems.All)
        {
            var result = await fixture.Host.Scenario(x => x.Get.Url(kind.Type));
            var description = await ProblemOf(result);
            description["status"]!.GetValue<int>().ShouldBe(kind.Status);
            description["title"]!.GetValue<string>().ShouldBe(kind.Title);
        }
    }

    [Theory]
    [InlineData("GET", "/api/students/not-a-guid", 404, "/problems/not-found")]
    [InlineData("DELETE", "/api/students", 405, "/problems/method-not-allowed")]
    public async Task routing_errors_are_problems_with_their_type(string method, string url, int status, string type)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator);
            if (method == "GET")
            {
                x.Get.Url(url);
            }
            else
            {
                x.Delete.Url(url);
            }

            x.StatusCodeShouldBe(status);
        });

        (await ProblemOf(result))["type"]!.GetValue<string>().ShouldBe(type);
    }
}
