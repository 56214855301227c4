using Internships.Permits.Checklists;
using Internships.Permits.Documents;
using Internships.Permits.Watching;
using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;
using StudentBase.Http;
using StudentBase.PersonalData;

namespace Internships.Permits;

public static class Configuration
{
    public static WebApplicationBuilder AddPermits(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag(PermitAccess.Tag, "The one-window service for work and residence permits: cases opened for a student, graduate or founder under the checklist in force, their documents (sealed with the person's key), the base's check, the authority's decision.");
        builder.Services.ConfigureMarten(marten =>
        {
            marten.Projections.Snapshot<PermitChecklist>(SnapshotLifecycle.Inline);
            marten.Projections.Snapshot<PermitCase>(SnapshotLifecycle.Inline);
            marten.Projections.Snapshot<ResidencePermitWatch>(SnapshotLifecycle.Inline);
            marten.Projections.Snapshot<ReportedSubsidyApplication>(SnapshotLifecycle.Inline);
            marten.Schema.For<ReportedSubsidyApplication>().Index(application => application.ApplicantId);
            marten.Schema.For<PermitCase>()
                .UniqueIndex(permitCase => permitCase.OpenCaseKey!)
                .Index(permitCase => permitCase.PersonId)
                .Index(permitCase => permitCase.UniversityId)
                .Index(permitCase => permitCase.HostBranchStationId!);
            PostgresPermitDocumentStorage.Define(marten);
        });
        builder.Services.AddSingleton<IPermitDocumentStorage, PostgresPermitDocumentStorage>();
        builder.Services.AddSingleton<IHoldPersonalData>(services => services.GetRequiredService<IPermitDocumentStorage>());
        builder.Services.AddHostedService<ConfiguredChecklists>();
        builder.Services.Configure<PermitWatchRules>(builder.Configuration.GetSection(PermitWatchRules.Section));
        builder.Services.AddHostedService<PermitWatchSchedule>();
        builder.Services.AddHistoryOf<PermitCase>("permit-cases");
        builder.Services.AddHistoryOf<PermitChecklist>("permit-checklists");
        builder.Services.AddHistoryOf<ResidencePermitWatch>("residence-permit-watches");
        builder.Services.AddHistoryOf<ReportedSubsidyApplication>("reported-subsidy-applications");
        builder.Services.AddJourneyKey("CaseId");
        builder.Services.NotifyPartnersOfPermitCases();
        return builder;
    }
}
