using Internships.Partners;
using Internships.PersonalData;
using Internships.Students;
using JasperFx;
using JasperFx.Events.Projections;
using StudentBase.Contracts;
using StudentBase.ServiceDefaults;
using Wolverine;
using Wolverine.Postgresql;

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
    },
    configureMessaging: messaging =>
    {
        foreach (var inbox in new[] { Queues.EventsInbox, Queues.SubsidiesInbox })
        {
            messaging.PublishMessage<StudentRegistered>().ToPostgresqlQueue(inbox);
            messaging.PublishMessage<StudentRecordCorrected>().ToPostgresqlQueue(inbox);
            messaging.PublishMessage<PartnerApiKeyIssued>().ToPostgresqlQueue(inbox);
            messaging.PublishMessage<PartnerApiKeyRevoked>().ToPostgresqlQueue(inbox);
        }
    });

var app = builder.Build();
app.MapEventSourcedService();

return await app.RunJasperFxCommands(args);

public partial class Program;
