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
    },
    configureMessaging: messaging =>
    {
        messaging.PublishMessage<StudentRegistered>()
            .ToPostgresqlQueue(Queues.EventsInbox);
        messaging.PublishMessage<StudentRegistered>()
            .ToPostgresqlQueue(Queues.SubsidiesInbox);
    });

var app = builder.Build();
app.MapEventSourcedService();

return await app.RunJasperFxCommands(args);

public partial class Program;
