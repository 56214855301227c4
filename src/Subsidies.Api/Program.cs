using StudentBase.ServiceDefaults.PersonalData;
using Subsidies.Applications;
using Subsidies.Policies;
using Subsidies.Students;
using JasperFx;
using JasperFx.Events.Projections;
using StudentBase.Contracts;
using StudentBase.ServiceDefaults;
using StudentBase.ServiceDefaults.Partners;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEventSourcedService(
    schemaName: "subsidies",
    applicationAssembly: typeof(Program).Assembly,
    configureMarten: marten =>
    {
        marten.Projections.Snapshot<StudentRecord>(SnapshotLifecycle.Inline);
        marten.Projections.Snapshot<SubsidyPolicy>(SnapshotLifecycle.Inline);
        marten.Projections.Snapshot<SubsidyApplication>(SnapshotLifecycle.Inline);
        marten.Schema.For<SubsidyApplication>().Index(application => application.ApplicantId);
        marten.Schema.For<PersonalDataKey>();
    },
    configureMessaging: messaging =>
    {
        messaging.ListenToInbox(Queues.SubsidiesInbox);
        messaging.ReplicatePartnerApiKeys();
    });

builder.Services.AddHostedService<ConfiguredPolicies>();

var app = builder.Build();
app.MapEventSourcedService();

return await app.RunJasperFxCommands(args);

public partial class Program;
