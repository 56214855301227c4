using Internships.BranchStations;
using Internships.Partners;
using Internships.PersonalData;
using Internships.Students;
using JasperFx;
using JasperFx.Events.Projections;
using StudentBase.Contracts;
using StudentBase.ServiceDefaults;
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
    },
    configureMessaging: messaging =>
    {
        messaging.PublishToInboxes<StudentRegistered>(Queues.EventsInbox, Queues.SubsidiesInbox);
        messaging.PublishToInboxes<StudentRecordCorrected>(Queues.EventsInbox, Queues.SubsidiesInbox);
        messaging.PublishToInboxes<PartnerApiKeyIssued>(Queues.EventsInbox, Queues.SubsidiesInbox);
        messaging.PublishToInboxes<PartnerApiKeyRevoked>(Queues.EventsInbox, Queues.SubsidiesInbox);
    });

var app = builder.Build();
app.MapEventSourcedService();

return await app.RunJasperFxCommands(args);

public partial class Program;
