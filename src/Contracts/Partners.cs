namespace StudentBase.Contracts;

/// <summary>
/// The base issued an API key to a partner system. Carries the key's SHA-256 hash only, never the key,
/// so that every service can authenticate the partner without ever holding the secret.
/// </summary>
/// <param name="ScopeId">The university, branch station or applicant the key is bound to, if its role is bound.</param>
public record PartnerApiKeyIssued(
    Guid KeyId,
    string PartnerId,
    string Role,
    Guid? ScopeId,
    string KeyHash,
    string Label,
    DateTimeOffset IssuedAt);

/// <summary>The base revoked an API key: from now on no service accepts it.</summary>
public record PartnerApiKeyRevoked(Guid KeyId, string PartnerId, DateTimeOffset RevokedAt);
