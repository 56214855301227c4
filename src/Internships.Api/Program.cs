using Internships;
using Internships.BranchStations;
using Internships.Internships;
using Internships.Partners;
using Internships.Placements;
using Internships.Programme;
using StudentBase.ServiceDefaults.PersonalData;
using Internships.Students;
using Internships.Universities;
using JasperFx;
using JasperFx.Events.Projections;
using StudentBase.Contracts;
using StudentBase.ServiceDefaults;
using StudentBase.ServiceDefaults.History;
using StudentBase.ServiceDefaults.Operations;
using StudentBase.ServiceDefaults.Partners;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEventSourcedService(
    schemaName: "internships",
    applicationAssembly: typeof(Program).Assembly,
    configureMarten: marten =>
    {
        marten.Projections.Snapshot<Student>(SnapshotLifecycle.Inline);
        marten.Schema.For<PersonalDataKey>();
        marten.Projections.Add<PartnerApiKeyProjection>(ProjectionLifecycle.Inline);
        marten.Projections.Snapshot<BranchStation>(SnapshotLifecycle.Inline);
        marten.Schema.For<BranchStation>().UniqueIndex(station => station.UnifiedSocialCreditCode);
        marten.Projections.Snapshot<University>(SnapshotLifecycle.Inline);
        marten.Projections.Snapshot<Placement>(SnapshotLifecycle.Inline);
        marten.Schema.For<Placement>().Index(placement => placement.BranchStationId);
        marten.Projections.Snapshot<Internship>(SnapshotLifecycle.Inline);
        marten.Schema.For<Internship>()
            .UniqueIndex(internship => internship.ActiveStudentId!)
            .Index(internship => internship.StudentId)
            .Index(internship => internship.BranchStationId)
            .Index(internship => internship.UniversityId);
        marten.Projections.Add<ProgrammeMonthProjection>(ProjectionLifecycle.Async);
    },
    configureMessaging: messaging =>
    {
        messaging.PublishToInboxes<StudentRegistered>(Queues.EventsInbox, Queues.SubsidiesInbox);
        messaging.PublishToInboxes<StudentRecordCorrected>(Queues.EventsInbox, Queues.SubsidiesInbox);
        messaging.PublishToInboxes<PartnerApiKeyIssued>(Queues.EventsInbox, Queues.SubsidiesInbox);
        messaging.PublishToInboxes<PartnerApiKeyRevoked>(Queues.EventsInbox, Queues.SubsidiesInbox);
        messaging.PublishToInboxes<BranchStationStandingChanged>(Queues.EventsInbox);
        messaging.PublishToInboxes<InternshipAgreementSigned>(Queues.SubsidiesInbox);
        messaging.PublishToInboxes<StudentBase.Contracts.InternshipStarted>(Queues.SubsidiesInbox);
        messaging.PublishToInboxes<StudentBase.Contracts.InternshipCompleted>(Queues.SubsidiesInbox);
        messaging.PublishToInboxes<StudentBase.Contracts.InternshipTerminated>(Queues.SubsidiesInbox);
    });

builder.Services.Configure<InternshipRules>(builder.Configuration.GetSection(InternshipRules.Section));
builder.Services.AddHostedService<DevelopmentData>();

// Analysts see these as they were at any moment (/api/history/aggregates/{kind}/{id}).
builder.Services.AddHistoryOf<Student>("students");
builder.Services.AddHistoryOf<University>("universities");
builder.Services.AddHistoryOf<BranchStation>("branch-stations");
builder.Services.AddHistoryOf<Placement>("placements");
builder.Services.AddHistoryOf<Internship>("internships");
// A person's journey also holds the events of what is theirs, which name only its own id.
builder.Services.Configure<HistoryOptions>(history => history.JourneyKeys = ["InternshipId"]);

var app = builder.Build();
app.MapEventSourcedService();

return await app.RunServiceAsync(args);

public partial class Program;
