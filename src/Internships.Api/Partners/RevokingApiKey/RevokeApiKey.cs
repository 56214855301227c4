using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Partners;
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
    public static (IResult, Events) Post(string partnerId, [WriteAggregate("keyId")] PartnerApiKey key, TimeProvider clock)
    {
        if (key.PartnerId != partnerId)
        {
            return (Results.NotFound(), []);
        }

        if (key.RevokedAt is not null)
        {
            return (Results.NoContent(), []);
        }

        var revokedAt = clock.GetUtcNow();
        return (Results.NoContent(), [new ApiKeyRevoked(key.Id, revokedAt)]);
    }

    /// <summary>Every other service stops accepting the key.</summary>
    public static async ValueTask<IReadOnlyList<object>> Published(IEvent<ApiKeyRevoked> committed, IQuerySession store, CancellationToken cancellation)
    {
        var key = await store.LoadAsync<PartnerApiKey>(committed.Data.KeyId, cancellation);
        return key is null ? [] : [new PartnerApiKeyRevoked(committed.Data.KeyId, key.PartnerId, committed.Data.RevokedAt)];
    }
}
