using StudentBase.Http;
using Wolverine;

namespace Events.Activities;

/// <summary>How seats go out: while capacity lasts, then to the waitlist in order, each freed seat offered to the first waiting.</summary>
public static class Seating
{
    /// <summary>Offers for the seats free once <paramref name="seatsFreed"/> more are given up, to the first on the waitlist.</summary>
    public static IEnumerable<SeatOffered> OfferFreeSeats(Activity activity, int seatsFreed, DateTimeOffset now, TimeSpan offerPeriod, Guid? skipping = null)
    {
        var free = activity.Plan.Capacity - (activity.SeatsInUse - seatsFreed);
        return activity.Waitlist
            .Where(registration => registration.Id != skipping)
            .Take(Math.Max(0, free))
            .Select(registration => new SeatOffered(activity.Id, registration.Id, now + offerPeriod, now));
    }

    /// <summary>A seat when one is free and nobody waits ahead, otherwise a place at the end of the waitlist.</summary>
    public static object SeatOrWaitlist(Activity activity, Guid registrationId, DateTimeOffset now) =>
        activity.SeatsInUse < activity.Plan.Capacity && !activity.Waitlist.Any()
            ? new SeatAssigned(activity.Id, registrationId, now)
            : new Waitlisted(activity.Id, registrationId, now);

    /// <summary>
    /// For every seat offer among the decided events, its lapse and, when the offer is held longer than the reminder's
    /// lead, the reminder before it, as scheduled messages.
    /// </summary>
    public static OutgoingMessages TimersOf(IEnumerable<object> events, EventsRules rules)
    {
        var timers = new OutgoingMessages();
        foreach (var offered in events.OfType<SeatOffered>())
        {
            var reminder = offered.ExpiresAt - rules.SeatOfferReminder;
            if (reminder > offered.OfferedAt)
            {
                timers.Schedule(new Offering.SeatOfferReminderDue(offered.ActivityId, offered.RegistrationId, offered.ExpiresAt), reminder);
            }

            timers.Schedule(new Offering.SeatOfferDue(offered.ActivityId, offered.RegistrationId), offered.ExpiresAt);
        }

        return timers;
    }

    /// <summary>The HTTP answer to a registration decision, with the timers of any seat it offered scheduled alongside.</summary>
    public static (IResult, Wolverine.Marten.Events, OutgoingMessages) RespondWithOffers(
        this Decision decision, HttpRequest request, HttpResponse response, long version, EventsRules rules)
    {
        var (result, events) = decision.Respond(request, response, version);
        return (result, events, events.Count > 0 ? TimersOf(decision.Events, rules) : []);
    }
}
