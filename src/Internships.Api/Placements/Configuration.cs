using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;
using StudentBase.Http;

namespace Internships.Placements;

public static class Configuration
{
    public static WebApplicationBuilder AddPlacements(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Placements", "Internship openings posted by branch stations, approved or sent back by the base, with the slots left for intentions.");
        builder.Services.ConfigureMarten(marten =>
        {
            marten.Projections.Snapshot<Placement>(SnapshotLifecycle.Inline);
            marten.Schema.For<Placement>().Index(placement => placement.BranchStationId);
        });
        builder.Services.AddHistoryOf<Placement>("placements");
        return builder;
    }
}
