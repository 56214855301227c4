using Internships.Partners.IssuingApiKey;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace Internships.Partners.ReadingApiKeys;

/// <summary>An issued API key as the base keeps track of it: never the key, never its hash.</summary>
/// <param name="ScopeId">The university, branch station or applicant the key is bound to, if its role is bound.</param>
/// <param name="RevokedAt">When it was revoked; null while every service accepts it.</param>
public record ApiKeyDetails(Guid Id, string PartnerId, PartnerRole Role, Guid? ScopeId, string Label, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyDetails Example { get; } = new(Guid.Parse("0196f0c4-9999-7000-8000-000000000001"), "xmu-portal", PartnerRole.University,
        Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "Student portal, 2026", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)), null);

    public static ApiKeyDetails Of(PartnerApiKey key) => new(key.Id, key.PartnerId, key.Role, key.ScopeId, key.Label, key.IssuedAt, key.RevokedAt);
}

public static class ReadApiKeysEndpoint
{
    public static ProblemDetails Validate(string partnerId) =>
        IssueApiKeyEndpoint.IsPartnerId(partnerId) ? WolverineContinue.NoProblems : IssueApiKeyEndpoint.PartnerIdProblem();

    /// <summary>
    /// Every key issued to the partner, the newest first, revoked ones included (a partner holds a handful); a partner that
    /// was never issued a key is not known here (404).
    /// </summary>
    [WolverineGet("/api/partners/{partnerId}/api-keys", Name = "ListApiKeys")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("The API keys issued to a partner system, revoked ones included (never the keys themselves)")]
    public static async Task<IReadOnlyList<ApiKeyDetails>?> List(string partnerId, IQuerySession session, CancellationToken cancellation)
    {
        var keys = await session.Query<PartnerApiKey>().Where(key => key.PartnerId == partnerId).OrderByDescending(key => key.IssuedAt).ToListAsync(cancellation);
        return keys.Count == 0 ? null : [.. keys.Select(ApiKeyDetails.Of)];
    }

    [WolverineGet("/api/partners/{partnerId}/api-keys/{keyId}", Name = "GetApiKey")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("One API key issued to a partner system: its role, scope, label and whether it was revoked")]
    public static async Task<ApiKeyDetails?> Get(string partnerId, Guid keyId, IQuerySession session, CancellationToken cancellation) =>
        await session.LoadAsync<PartnerApiKey>(keyId, cancellation) is { } key && key.PartnerId == partnerId ? ApiKeyDetails.Of(key) : null;
}
