using JasperFx.Events;
using Marten.Events.Aggregation;
using StudentBase.Contracts;
using StudentBase.Partners;

namespace Internships.Partners;

/// <summary>The base issued an API key to a partner system; only the key's hash is stored.</summary>
public record ApiKeyIssued(
    Guid KeyId,
    string PartnerId,
    PartnerRole Role,
    Guid? ScopeId,
    string KeyHash,
    string Label,
    DateTimeOffset IssuedAt);

public record ApiKeyRevoked(Guid KeyId, DateTimeOffset RevokedAt);

/// <summary>The issued keys every request authenticates against, kept current in the same transaction.</summary>
public partial class PartnerApiKeyProjection : SingleStreamProjection<PartnerApiKey, Guid>
{
    public static PartnerApiKey Create(ApiKeyIssued issued) => new()
    {
        Id = issued.KeyId,
        PartnerId = issued.PartnerId,
        Role = issued.Role,
        ScopeId = issued.ScopeId,
        KeyHash = issued.KeyHash,
        Label = issued.Label,
        IssuedAt = issued.IssuedAt,
    };

    public static void Apply(ApiKeyRevoked revoked, PartnerApiKey key) => key.RevokedAt = revoked.RevokedAt;
}
