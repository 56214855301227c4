using Events;
using Events.Activities;
using Events.HostCompanies;
using Events.Students;
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
    schemaName: "events",
    applicationAssembly: typeof(Program).Assembly,
    configureMarten: marten =>
    {
        marten.Projections.Snapshot<Student>(SnapshotLifecycle.Inline);
        marten.Projections.Snapshot<HostCompany>(SnapshotLifecycle.Inline);
        marten.Projections.Snapshot<Activity>(SnapshotLifecycle.Inline);
    },
    configureMessaging: messaging =>
    {
        messaging.ListenToInbox(Queues.EventsInbox);
        messaging.ReplicatePartnerApiKeys();
        messaging.PublishToInboxes<StudentBase.Contracts.ActivityCancelled>(Queues.SubsidiesInbox);
        messaging.PublishToInboxes<ParticipantAttended>(Queues.SubsidiesInbox);
        messaging.PublishToInboxes<TrainingCompleted>(Queues.SubsidiesInbox);
        messaging.PublishToInboxes<AwardGranted>(Queues.SubsidiesInbox);
    });

builder.Services.Configure<EventsRules>(builder.Configuration.GetSection(EventsRules.Section));

// Analysts see these as they were at any moment (/api/history/aggregates/{kind}/{id}).
builder.Services.AddHistoryOf<Student>("students");
builder.Services.AddHistoryOf<HostCompany>("host-companies");
builder.Services.AddHistoryOf<Activity>("activities");
// A person's journey also holds the events of what is theirs, which name only its own id.
builder.Services.Configure<HistoryOptions>(history => history.JourneyKeys = ["RegistrationId"]);

var app = builder.Build();
app.MapEventSourcedService();

return await app.RunServiceAsync(args);

public partial class Program;
