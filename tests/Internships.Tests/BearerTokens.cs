using System.Security.Claims;
using Alba;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StudentBase.Http;
using StudentBase.Testing;
using Wolverine.Http;

namespace Internships.Tests;

/// <summary>Where the city's identity provider is configured, its bearer tokens stand in for API keys.</summary>
public class BearerTokens(InternshipsFixture fixture)
{
    private static string Token(string role, Guid? scope, string signingKey = PartnerKeys.TokenSigningKey, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["partner_id"] = "xmu-portal-sso", ["role"] = role };
        if (scope is { } scopeId)
        {
            claims["scope_id"] = scopeId.ToString();
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = PartnerKeys.TokenIssuer,
            Audience = PartnerKeys.TokenAudience,
            Claims = claims,
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    [Fact]
    public async Task a_token_names_the_partner_its_role_and_its_scope()
    {
        var token = Token("University", PartnerKeys.XiamenUniversity);

        var created = await fixture.Host.Scenario(x =>
        {
            x.WithRequestHeader("Authorization", $"Bearer {token}");
            x.Post.Json(new
            {
                universityId = PartnerKeys.XiamenUniversity,
                fullName = "Sofia Rossi",
                nationality = "IT",
                passportNumber = "YA1234567",
                programme = "Business Chinese",
                degreeLevel = "Bachelor",
                enrolledOn = "2022-09-01",
                expectedGraduation = "2026-06-30",
                residencePermitExpiry = "2026-08-31",
            }).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        var studentId = created.ReadAsJson<NewResource<Guid>>().Id;

        await fixture.Host.Scenario(x =>
        {
            x.WithRequestHeader("Authorization", $"Bearer {Token("University", PartnerKeys.JimeiUniversity)}");
            x.Get.Url($"/api/students/{studentId}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        await fixture.Host.Scenario(x =>
        {
            x.WithRequestHeader("Authorization", $"Bearer {Token("Analyst", null)}");
            x.Post.Json(new { role = "Analyst", label = "x" }).ToUrl("/api/partners/someone/api-keys");
            x.StatusCodeShouldBe(StatusCodes.Status403Forbidden);
        });
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("expired")]
    public async Task a_token_that_does_not_verify_is_unauthenticated(string flaw)
    {
        var token = flaw == "forged"
            ? Token("BaseAdministrator", null, signingKey: Convert.ToBase64String(new byte[32]))
            : Token("BaseAdministrator", null, expires: DateTime.UtcNow.AddHours(-1));

        var result = await fixture.Host.Scenario(x =>
        {
            x.WithRequestHeader("Authorization", $"Bearer {token}");
            x.Get.Url($"/api/students/{Guid.CreateVersion7()}");
            x.StatusCodeShouldBe(StatusCodes.Status401Unauthorized);
        });

        result.Context.Response.ContentType.ShouldBe("application/problem+json");
    }
}
