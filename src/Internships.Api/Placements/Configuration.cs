using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;

namespace Internships.Placements;

public static class Configuration
{
    public static WebApplicationBuilder AddPlacements(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(marten =>
        {
            marten.Projections.Snapshot<Placement>(SnapshotLifecycle.Inline);
            marten.Schema.For<Placement>().Index(placement => placement.BranchStationId);
        });
        builder.Services.AddHistoryOf<Placement>("placements");
        return builder;
    }
}
