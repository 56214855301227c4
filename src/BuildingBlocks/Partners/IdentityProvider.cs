using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using StudentBase.Http;

namespace StudentBase.Partners;

/// <summary>
/// The city's identity provider, where a deployment has one: partners may then send an OAuth2/OIDC bearer token
/// instead of an API key. Its claims name the partner like a key does: <c>partner_id</c>, <c>role</c> (a
/// <see cref="PartnerRole"/> name) and, for bound roles, <c>scope_id</c>.
/// Configure <c>Authority</c> (tokens are checked against its published signing keys) or, where the provider
/// shares a key instead, <c>Issuer</c> and <c>SigningKey</c> (base64); <c>Audience</c> in both cases.
/// </summary>
public sealed class IdentityProvider
{
    public const string Section = "Partners:IdentityProvider";

    public string? Authority { get; set; }
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    public string? SigningKey { get; set; }

    /// <summary>Adds the standard JWT bearer handler when a provider is configured; false when none is.</summary>
    public bool AddTo(AuthenticationBuilder authentication)
    {
        if (string.IsNullOrWhiteSpace(Authority) && string.IsNullOrWhiteSpace(SigningKey))
        {
            return false;
        }

        authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.MapInboundClaims = false;
            options.Authority = string.IsNullOrWhiteSpace(Authority) ? null : Authority;
            options.Audience = Audience;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = string.IsNullOrWhiteSpace(Issuer) ? Authority : Issuer,
                ValidateAudience = true,
                ValidAudience = Audience,
                ValidateLifetime = true,
                NameClaimType = Partner.PartnerIdClaim,
                RoleClaimType = Partner.RoleClaim,
                IssuerSigningKey = string.IsNullOrWhiteSpace(SigningKey) ? null : new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)),
            };
            options.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = $"{JwtBearerDefaults.AuthenticationScheme}, {ApiKeyAuthenticationHandler.SchemeName} header=\"{ApiKeyAuthenticationHandler.HeaderName}\"";
                    await Problems.WriteAsync(context.HttpContext, Problems.Unauthenticated);
                },
                OnForbidden = context => Problems.WriteAsync(context.HttpContext, Problems.Forbidden),
            };
        });
        return true;
    }
}
