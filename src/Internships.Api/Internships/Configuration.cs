using JasperFx.Events.Projections;
using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.History;
using StudentBase.Http;
using Wolverine;

namespace Internships.Internships;

public static class Configuration
{
    public static WebApplicationBuilder AddInternships(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Internships", "The internship's life from a student's intention to the completion certificate: the university's consent, the three-party agreement and its amendments, the residence-permit endorsement, start, evaluations, completion or termination.");
        builder.Services.Configure<InternshipRules>(builder.Configuration.GetSection(InternshipRules.Section));
        builder.Services.ConfigureMarten(marten =>
        {
            marten.Projections.Snapshot<Internship>(SnapshotLifecycle.Inline);
            marten.Schema.For<Internship>()
                .UniqueIndex(internship => internship.ActiveStudentId!)
                .Index(internship => internship.StudentId)
                .Index(internship => internship.BranchStationId)
                .Index(internship => internship.UniversityId);
        });
        builder.Services.ConfigureWolverine(messaging =>
        {
            messaging.PublishToInboxes<InternshipAgreementSigned>(Queues.SubsidiesInbox);
            messaging.PublishToInboxes<StudentBase.Contracts.InternshipStarted>(Queues.SubsidiesInbox);
            messaging.PublishToInboxes<StudentBase.Contracts.InternshipCompleted>(Queues.SubsidiesInbox);
            messaging.PublishToInboxes<StudentBase.Contracts.InternshipTerminated>(Queues.SubsidiesInbox);
        });
        builder.Services.RelayPublishedMessages();
        builder.Services.AddHistoryOf<Internship>("internships");
        builder.Services.AddJourneyKey("InternshipId");
        builder.Services.NotifyPartnersOfInternships();
        return builder;
    }
}
