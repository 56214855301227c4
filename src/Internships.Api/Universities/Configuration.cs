using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;

namespace Internships.Universities;

public static class Configuration
{
    public static WebApplicationBuilder AddUniversities(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(marten => marten.Projections.Snapshot<University>(SnapshotLifecycle.Inline));
        builder.Services.AddHistoryOf<University>("universities");
        return builder;
    }
}
