using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;
using StudentBase.Http;

namespace Events.HostCompanies;

public static class Configuration
{
    /// <summary>The branch stations Internships designates, as this service keeps them (fed by its messages).</summary>
    public static WebApplicationBuilder AddHostCompanies(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Host companies", "The branch stations hosting the programme, as the Internships service reported them.");
        builder.Services.ConfigureMarten(marten => marten.Projections.Snapshot<HostCompany>(SnapshotLifecycle.Inline));
        builder.Services.AddHistoryOf<HostCompany>("host-companies");
        return builder;
    }
}
