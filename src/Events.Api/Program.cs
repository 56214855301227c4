using Events.HostCompanies;
using Events.Students;
using JasperFx;
using JasperFx.Events.Projections;
using StudentBase.Contracts;
using StudentBase.ServiceDefaults;
using StudentBase.ServiceDefaults.Partners;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEventSourcedService(
    schemaName: "events",
    applicationAssembly: typeof(Program).Assembly,
    configureMarten: marten =>
    {
        marten.Projections.Snapshot<Student>(SnapshotLifecycle.Inline);
        marten.Projections.Snapshot<HostCompany>(SnapshotLifecycle.Inline);
    },
    configureMessaging: messaging =>
    {
        messaging.ListenToInbox(Queues.EventsInbox);
        messaging.ReplicatePartnerApiKeys();
    });

var app = builder.Build();
app.MapEventSourcedService();

return await app.RunJasperFxCommands(args);

public partial class Program;
