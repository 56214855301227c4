using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;
using StudentBase.Http;

namespace Subsidies.Policies;

public static class Configuration
{
    public static WebApplicationBuilder AddPolicies(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Subsidy policies", "The versions of the subsidy policy (eligibility, amounts, instalment plan, review rubric) and what-if runs of a version over the applications.");
        builder.Services.ConfigureMarten(marten => marten.Projections.Snapshot<SubsidyPolicy>(SnapshotLifecycle.Inline));
        builder.Services.AddHostedService<ConfiguredPolicies>();
        builder.Services.AddHistoryOf<SubsidyPolicy>("subsidy-policies");
        return builder;
    }
}
