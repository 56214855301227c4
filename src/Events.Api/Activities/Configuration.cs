using JasperFx.Events.Projections;
using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.History;
using StudentBase.Http;
using Wolverine;

namespace Events.Activities;

public static class Configuration
{
    public static WebApplicationBuilder AddActivities(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Activities", "Trainings, bootcamps, competitions, company visits and salons: scheduling (one or a series), rescheduling and cancellation.");
        builder.Services.DescribeApiTag("Registrations", "Registering for an activity: a seat while capacity lasts, otherwise the waitlist; approvals, seat offers and cancellations.");
        builder.Services.DescribeApiTag("Check-in", "On the day: check-ins by code, closing attendance (no-shows and completion records) and competition results.");
        builder.Services.DescribeApiTag("Reports", "Rosters, attendance figures, a participant's history and the proof that seats went out in waitlist order.");
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
        builder.Services.NotifyPartnersOfRegistrations();
        return builder;
    }
}
