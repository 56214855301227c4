using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StudentBase.EventSourcing;
using StudentBase.Http;

namespace StudentBase.Partners;

/// <summary>
/// Partner systems' access to a service: API keys (or bearer tokens where an identity provider is configured), one role per
/// key, per-partner rate limits, safe retries with an Idempotency-Key, and the partner named on everything it causes.
/// </summary>
public static class PartnerAccess
{
    public const string RateLimitSection = "Partners:RateLimit";

    /// <summary>The scheme every endpoint authenticates with: it forwards to the API key or the bearer token handler.</summary>
    public const string PartnerSchemeName = "Partner";
    public const int DefaultPermitsPerMinute = 600;

    public const string DevelopmentPartnersFile = "partners.Development.json";

    public static WebApplicationBuilder AddPartners(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, DevelopmentPartnersFile), optional: true);
        }

        builder.Services.AddSingleton<PartnerKeyStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IActorSource, PartnerActors>());
        builder.Services.ConfigureMarten(options =>
        {
            options.Events.MetadataConfig.UserNameEnabled = true;
            options.Schema.For<PartnerApiKey>().UniqueIndex(key => key.KeyHash);
            options.Schema.For<IdempotentRequest>().Identity(request => request.Id);
        });
        builder.Services.AddSingleton<ExpiredRequestsPurge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ExpiredRequestsPurge>());
        builder.Services.Configure<OpenApiOptions>("v1", PartnerContractTransformers.Describe);
        var authentication = builder.Services.AddAuthentication(PartnerSchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var bearerTokens = builder.Configuration.GetSection(IdentityProvider.Section).Get<IdentityProvider>();
        var acceptsBearerTokens = bearerTokens?.AddTo(authentication) == true;
        authentication.AddPolicyScheme(PartnerSchemeName, "API key, or a bearer token where an identity provider is configured", scheme =>
            scheme.ForwardDefaultSelector = context =>
                acceptsBearerTokens && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName);
        builder.Services.AddAuthorization();

        var limits = builder.Configuration.GetSection(RateLimitSection);
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var partner = Partner.From(context.User);
                var key = partner?.PartnerId ?? $"anonymous:{context.Connection.RemoteIpAddress}";
                var permits = partner is null
                    ? limits.GetValue("AnonymousPermitsPerMinute", DefaultPermitsPerMinute)
                    : limits.GetValue($"Partners:{partner.PartnerId}", limits.GetValue("PermitsPerMinute", DefaultPermitsPerMinute));
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Problems.WriteAsync(rejected.HttpContext, Problems.RateLimited,
                    $"Retry after {seconds} seconds.", $"请在 {seconds} 秒后重试。"));
            };
        });

        return builder;
    }
}

/// <summary>The partner who acts in a request, as provenance records it.</summary>
internal sealed class PartnerActors : IActorSource
{
    public Actor? ActorOf(ClaimsPrincipal user) => Partner.From(user) is { } partner ? new Actor(partner.PartnerId, partner.Role.ToString()) : null;
}
