using Alba;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Contracts;
using StudentBase.Http;

namespace StudentBase.Partners.Tests;

/// <summary>Where no identity provider is configured, a bearer token is no credential: only API keys are.</summary>
public class RefusingBearerTokens
{
    private static async Task<IAlbaHost> ServiceWithoutAnIdentityProviderAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddHttpContract();
        // The key store reads issued keys from the event store; nothing here reaches it (no key is sent).
        builder.Services.AddMarten("Host=127.0.0.1;Port=1;Database=unused;Username=unused");
        builder.AddPartners();
        return await AlbaHost.For(builder, app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/api/records", () => "records").WithMetadata(new AllowAttribute(PartnerRole.Analyst));
        });
    }

    [Fact]
    public async Task a_bearer_token_is_refused_as_unauthenticated()
    {
        await using var host = await ServiceWithoutAnIdentityProviderAsync();
        var token = "eyJhbGciOiJIUzI1NiJ9.eyJwYXJ0bmVyX2lkIjoiYW55b25lIiwicm9sZSI6IkFuYWx5c3QifQ.c2lnbmF0dXJl";

        var result = await host.Scenario(x =>
        {
            x.Get.Url("/api/records");
            x.WithRequestHeader("Authorization", $"Bearer {token}");
            x.StatusCodeShouldBe(StatusCodes.Status401Unauthorized);
        });

        result.Context.Response.Headers.WWWAuthenticate.ToString().ShouldBe("ApiKey header=\"X-Api-Key\"");
        result.Context.Response.ContentType.ShouldBe("application/problem+json");
    }
}
