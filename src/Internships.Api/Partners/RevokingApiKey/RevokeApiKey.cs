using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Partners;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Partners.RevokingApiKey;

public static class RevokeApiKeyEndpoint
{
    /// <summary>Revoking a revoked key changes nothing and still answers 204, so a retry is safe.</summary>
    [WolverinePost("/api/partners/{partnerId}/api-keys/{keyId}/revoke", Name = "RevokeApiKey")]
    [Allow(PartnerRole.BaseAdministrator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [EndpointSummary("Revoke an API key: no service accepts it any more")]
    public static (IResult, Events, OutgoingMessages) Post(string partnerId, [WriteAggregate("keyId")] PartnerApiKey key, TimeProvider clock)
    {
        if (key.PartnerId != partnerId)
        {
            return (Results.NotFound(), [], []);
        }

        if (key.RevokedAt is not null)
        {
            return (Results.NoContent(), [], []);
        }

        var revokedAt = clock.GetUtcNow();
        return (Results.NoContent(), [new ApiKeyRevoked(key.Id, revokedAt)], [new PartnerApiKeyRevoked(key.Id, partnerId, revokedAt)]);
    }
}
