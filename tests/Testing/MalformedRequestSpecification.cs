using System.Text;
using Alba;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using StudentBase.Http;
using StudentBase.Partners;
using Xunit;

namespace StudentBase.Testing;

/// <summary>
/// A battery of malformed requests against every endpoint of a service, each by a role the endpoint allows:
/// every answer is a 4xx problem details, never a 5xx, and nothing is stored.
/// </summary>
public abstract class MalformedRequestSpecification<TProgram>(ServiceFixture<TProgram> fixture) where TProgram : class
{
    private static readonly string[] MalformedBodies =
    [
        "",
        "{",
        "[]",
        "null",
        "\"just a string\"",
        "42",
        "{\"unexpectedProperty\": true}",
        "{\"universityId\": \"not-a-guid\", \"degreeLevel\": 7, \"enrolledOn\": \"yesterday\"}",
        "{\"fullName\": {\"nested\": [1, 2, 3]}}",
        new string('[', 2000) + new string(']', 2000),
        "{\"fullName\": \"\\ud800\"}",
    ];

    private static readonly string[] MalformedIds = ["not-a-guid", "00000000-0000-0000-0000-000000000000", new string('9', 300), "..%2F..%2Fetc", "%E2%80%AE"];

    private IEnumerable<(string Method, string Pattern, string Key)> Endpoints => PartnerEndpoints.Of(fixture.Host.Services);

    [Fact]
    public async Task every_malformed_request_is_a_client_error_problem_and_stores_nothing()
    {
        var eventsBefore = await CountEventsAsync();

        foreach (var (method, pattern, key) in Endpoints)
        {
            foreach (var id in pattern.Contains('{') ? MalformedIds : [])
            {
                var url = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", id);
                await ShouldBeClientErrorAsync(method, url, key, method == "GET" ? null : "{}", "application/json");
            }

            if (method == "GET")
            {
                var url = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", Guid.CreateVersion7().ToString());
                await ShouldBeClientErrorOrOkAsync(url + "?limit=abc&cursor=%%%&universityId=nope", key);
                continue;
            }

            var target = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}",
                match => match.Value == "{partnerId}" ? "battery-partner" : Guid.CreateVersion7().ToString());
            foreach (var body in MalformedBodies)
            {
                await ShouldBeClientErrorAsync(method, target, key, body, "application/json");
            }

            await ShouldBeClientErrorAsync(method, target, key, "fullName=Daniel", "application/x-www-form-urlencoded");
            await ShouldBeClientErrorAsync(method, target, key, "<student/>", "application/xml");
            await ShouldBeClientErrorAsync(method, target, key, "{" + new string(' ', (int)RequestLimits.MaxBodyBytes) + "}", "application/json");
        }

        (await CountEventsAsync()).ShouldBe(eventsBefore);
        fixture.Logs.Lines.ShouldNotContain(line => line.StartsWith("Error") && line.Contains("deserialize"),
            "a partner's malformed body is not an error of the service");
    }

    private async Task ShouldBeClientErrorAsync(string method, string url, string key, string? body, string contentType)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(key);
            if (method == "DELETE")
            {
                x.Delete.Url(url);
            }
            else if (body is null)
            {
                x.Get.Url(url);
            }
            else
            {
                (method == "PUT" ? x.Put : x.Post).ByteArray(Encoding.UTF8.GetBytes(body)).ToUrl(url);
                x.WithRequestHeader("Content-Type", contentType);
            }

            x.IgnoreStatusCode();
        });

        var status = result.Context.Response.StatusCode;
        var because = $"{method} {url} with {contentType} body '{Shorten(body)}'";
        status.ShouldBeInRange(400, 499, because);
        result.Context.Response.ContentType.ShouldBe("application/problem+json", because);
    }

    private async Task ShouldBeClientErrorOrOkAsync(string url, string key)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(key).Get.Url(url);
            x.IgnoreStatusCode();
        });

        result.Context.Response.StatusCode.ShouldBeLessThan(500, url);
    }

    private async Task<long> CountEventsAsync()
    {
        await using var session = fixture.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync(TestContext.Current.CancellationToken);
    }

    private static string Shorten(string? body) => body is null ? "" : body.Length > 40 ? body[..40] + "…" : body;
}
