using Marten;
using Microsoft.AspNetCore.Builder;
using StudentBase.Contracts;
using Wolverine;

namespace StudentBase.Partners;

/// <summary>
/// Keeps a service's copy of the API keys the Internships service issues (hashes only), so that one key
/// works across the platform and a revocation reaches every service.
/// </summary>
public static class PartnerApiKeyReplication
{
    public static WebApplicationBuilder ReplicatePartnerApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureWolverine(messaging => messaging.Discovery.IncludeType(typeof(PartnerApiKeyReplication)));
        return builder;
    }

    public static void Handle(PartnerApiKeyIssued issued, IDocumentSession session) =>
        session.Store(new PartnerApiKey
        {
            Id = issued.KeyId,
            PartnerId = issued.PartnerId,
            Role = Enum.Parse<PartnerRole>(issued.Role),
            ScopeId = issued.ScopeId,
            KeyHash = issued.KeyHash,
            Label = issued.Label,
            IssuedAt = issued.IssuedAt,
        });

    public static async Task Handle(PartnerApiKeyRevoked revoked, IDocumentSession session, CancellationToken cancellation)
    {
        var key = await session.LoadAsync<PartnerApiKey>(revoked.KeyId, cancellation);
        if (key is { RevokedAt: null })
        {
            key.RevokedAt = revoked.RevokedAt;
            session.Store(key);
        }
    }
}
