using StudentBase.ServiceDefaults.PersonalData;
using Subsidies.Applications;
using Subsidies.Policies;
using Subsidies.Students;
using JasperFx;
using JasperFx.Events.Projections;
using StudentBase.Contracts;
using StudentBase.ServiceDefaults;
using StudentBase.ServiceDefaults.History;
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

// Analysts see these as they were at any moment (/api/history/aggregates/{kind}/{id}).
builder.Services.AddHistoryOf<StudentRecord>("students");
builder.Services.AddHistoryOf<SubsidyPolicy>("subsidy-policies");
builder.Services.AddHistoryOf<SubsidyApplication>("subsidy-applications");
// A person's journey also holds the events of what is theirs, which name only its own id.
builder.Services.Configure<HistoryOptions>(history => history.JourneyKeys = ["ApplicationId"]);

var app = builder.Build();
app.MapEventSourcedService();

return await app.RunServiceAsync(args);

public partial class Program;
