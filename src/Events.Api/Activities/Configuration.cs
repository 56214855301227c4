using JasperFx.Events.Projections;
using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.History;
using Wolverine;

namespace Events.Activities;

public static class Configuration
{
    public static WebApplicationBuilder AddActivities(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<EventsRules>(builder.Configuration.GetSection(EventsRules.Section));
        builder.Services.ConfigureMarten(marten => marten.Projections.Snapshot<Activity>(SnapshotLifecycle.Inline));
        builder.Services.ConfigureWolverine(messaging =>
        {
            messaging.PublishToInboxes<StudentBase.Contracts.ActivityCancelled>(Queues.SubsidiesInbox);
            messaging.PublishToInboxes<ParticipantAttended>(Queues.SubsidiesInbox);
            messaging.PublishToInboxes<TrainingCompleted>(Queues.SubsidiesInbox);
            messaging.PublishToInboxes<AwardGranted>(Queues.SubsidiesInbox);
        });
        builder.Services.RelayPublishedMessages();
        builder.Services.AddHistoryOf<Activity>("activities");
        builder.Services.AddJourneyKey("RegistrationId");
        return builder;
    }
}
