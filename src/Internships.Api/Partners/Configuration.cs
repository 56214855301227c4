using Internships.Partners.IssuingApiKey;
using Internships.Partners.RevokingApiKey;
using JasperFx.Events.Projections;
using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Http;
using Wolverine;

namespace Internships.Partners;

public static class Configuration
{
    /// <summary>Partner API keys are issued here and replicated, as hashes, to every other service.</summary>
    public static WebApplicationBuilder AddPartnerApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Partners", "The API keys of partner systems (universities, companies, the exit-entry administration, the base's own tools): issued once, revoked everywhere.");
        builder.Services.ConfigureMarten(marten => marten.Projections.Add<PartnerApiKeyProjection>(ProjectionLifecycle.Inline));
        builder.Services.ConfigureWolverine(messaging =>
        {
            messaging.PublishToInboxes<PartnerApiKeyIssued>(Queues.EventsInbox, Queues.SubsidiesInbox);
            messaging.PublishToInboxes<PartnerApiKeyRevoked>(Queues.EventsInbox, Queues.SubsidiesInbox);
        });
        builder.Services.RelayToOtherServices<ApiKeyIssued>(IssueApiKeyEndpoint.Published);
        builder.Services.RelayToOtherServices<ApiKeyRevoked>(RevokeApiKeyEndpoint.Published);
        return builder;
    }
}
