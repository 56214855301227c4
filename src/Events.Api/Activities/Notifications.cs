using JasperFx.Events;
using Marten;
using StudentBase.Contracts;
using StudentBase.Webhooks;

namespace Events.Activities;

/// <summary>The moments of a registration its student and their university act on, told to subscribed partners.</summary>
public static class Notifications
{
    public static IServiceCollection NotifyPartnersOfRegistrations(this IServiceCollection services) => services
        .Notify<SeatOffered>("registration.seat_offered", "A seat was offered from the waitlist: accept it before the offer lapses.",
            offered => (offered.ActivityId, offered.RegistrationId))
        .Notify<SeatOfferLapsing>("registration.offer_lapsing", "The seat offered is still unaccepted and lapses soon (at the offer's expiry).",
            lapsing => (lapsing.ActivityId, lapsing.RegistrationId))
        .Notify<SeatOfferLapsed>("registration.offer_lapsed", "The seat offered was not accepted in time; it went to the next on the waitlist.",
            lapsed => (lapsed.ActivityId, lapsed.RegistrationId))
        .Notify<SeatAssigned>("registration.confirmed", "The registration has a seat.", assigned => (assigned.ActivityId, assigned.RegistrationId))
        .Notify<RegistrationCancelled>("registration.cancelled", "The registration was cancelled.",
            cancelled => (cancelled.ActivityId, cancelled.RegistrationId))
        .NotifyPartnersOfEach<ActivityCancelled>(new NotificationType("registration.cancelled", "The registration was cancelled.", Audience),
            async (committed, store, cancellation) => await EveryRegistrationOfAsync(committed.Data.ActivityId, store, cancellation));

    private static readonly PartnerRole[] Audience = [PartnerRole.University, PartnerRole.Applicant];

    /// <summary>A cancelled activity cancels every registration still standing: each is told as its own cancellation.</summary>
    private static async Task<IReadOnlyList<PartnerNotification>> EveryRegistrationOfAsync(Guid activityId, IQuerySession store, CancellationToken cancellation)
    {
        var standing = (await store.LoadAsync<Activity>(activityId, cancellation))?.Registrations
            .Where(registration => registration.IsActive) ?? [];
        var notifications = new List<PartnerNotification>();
        foreach (var registration in standing)
        {
            if (await AboutAsync("registration.cancelled", (activityId, registration.Id), store, cancellation) is { } notification)
            {
                notifications.Add(notification);
            }
        }

        return notifications;
    }

    private static IServiceCollection Notify<TEvent>(
        this IServiceCollection services, string type, string description, Func<TEvent, (Guid ActivityId, Guid RegistrationId)> registration)
        where TEvent : notnull =>
        services.NotifyPartners<TEvent>(new NotificationType(type, description, Audience),
            (committed, store, cancellation) => AboutAsync(type, registration(committed.Data), store, cancellation));

    private static async ValueTask<PartnerNotification?> AboutAsync(
        string type, (Guid ActivityId, Guid RegistrationId) subject, IQuerySession store, CancellationToken cancellation)
    {
        var activity = await store.LoadAsync<Activity>(subject.ActivityId, cancellation);
        if (activity?.Registrations.FirstOrDefault(registration => registration.Id == subject.RegistrationId) is not { } registration)
        {
            return null;
        }

        var universityId = (await store.LoadAsync<Students.Student>(registration.StudentId, cancellation))?.UniversityId;
        var ids = new Dictionary<string, Guid>
        {
            ["registrationId"] = registration.Id,
            ["activityId"] = activity.Id,
            ["studentId"] = registration.StudentId,
        };
        if (universityId is { } university)
        {
            ids["universityId"] = university;
        }

        return new PartnerNotification(type, registration.Id, $"/api/activities/{activity.Id}",
            new NotificationAudience(UniversityId: universityId, StudentId: registration.StudentId), ids);
    }
}
