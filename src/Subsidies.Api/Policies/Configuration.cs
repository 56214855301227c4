using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;

namespace Subsidies.Policies;

public static class Configuration
{
    public static WebApplicationBuilder AddPolicies(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(marten => marten.Projections.Snapshot<SubsidyPolicy>(SnapshotLifecycle.Inline));
        builder.Services.AddHostedService<ConfiguredPolicies>();
        builder.Services.AddHistoryOf<SubsidyPolicy>("subsidy-policies");
        return builder;
    }
}
