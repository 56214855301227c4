using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;
using StudentBase.Http;

namespace Internships.Universities;

public static class Configuration
{
    public static WebApplicationBuilder AddUniversities(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Universities", "Partner universities and their programme coordinators.");
        builder.Services.ConfigureMarten(marten => marten.Projections.Snapshot<University>(SnapshotLifecycle.Inline));
        builder.Services.AddHistoryOf<University>("universities");
        return builder;
    }
}
