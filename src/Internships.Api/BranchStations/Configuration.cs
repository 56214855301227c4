using JasperFx.Events.Projections;
using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.History;
using StudentBase.Http;
using Wolverine;

namespace Internships.BranchStations;

public static class Configuration
{
    public static WebApplicationBuilder AddBranchStations(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Branch stations", "Host companies designated as the base's branch stations (分站): applying, designation, suspension, reinstatement and revocation. Only a branch station in good standing signs new internships.");
        builder.Services.ConfigureMarten(marten =>
        {
            marten.Projections.Snapshot<BranchStation>(SnapshotLifecycle.Inline);
            marten.Schema.For<BranchStation>().UniqueIndex(station => station.UnifiedSocialCreditCode);
        });
        builder.Services.ConfigureWolverine(messaging => messaging.PublishToInboxes<BranchStationStandingChanged>(Queues.EventsInbox));
        builder.Services.RelayPublishedMessages();
        builder.Services.AddHistoryOf<BranchStation>("branch-stations");
        return builder;
    }
}
