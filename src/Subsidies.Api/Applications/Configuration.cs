using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;

namespace Subsidies.Applications;

public static class Configuration
{
    public static WebApplicationBuilder AddApplications(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(marten =>
        {
            marten.Projections.Snapshot<SubsidyApplication>(SnapshotLifecycle.Inline);
            marten.Schema.For<SubsidyApplication>().Index(application => application.ApplicantId);
        });
        builder.Services.AddHistoryOf<SubsidyApplication>("subsidy-applications");
        builder.Services.AddJourneyKey("ApplicationId");
        return builder;
    }
}
