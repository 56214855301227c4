using Microsoft.Extensions.Options;
using StudentBase.Http;
using Wolverine;
using Wolverine.Marten;

namespace Events.Activities.Offering;

/// <summary>Scheduled with each seat offer, for the moment it lapses.</summary>
public record SeatOfferDue(Guid ActivityId, Guid RegistrationId)
{
    /// <summary>An offer still open when it falls due lapses, and the seat is offered to the next on the waitlist.</summary>
    public static Decision Decide(Activity activity, Guid registrationId, EventsRules rules, DateTimeOffset now)
    {
        if (activity.Find(registrationId) is not { State: RegistrationState.Offered, OfferExpiresAt: { } expires } || now < expires)
        {
            return Decision.Nothing;
        }

        return Decision.Of([
            new SeatOfferLapsed(activity.Id, registrationId, now),
            .. Seating.OfferFreeSeats(activity, 1, now, rules.SeatOfferPeriod, skipping: registrationId),
        ]);
    }
}

public static class SeatOfferDueHandler
{
    public static (Wolverine.Marten.Events, OutgoingMessages) Handle(
        SeatOfferDue message, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity, IOptions<EventsRules> rules, TimeProvider clock)
    {
        var events = new Wolverine.Marten.Events();
        events.AddRange(SeatOfferDue.Decide(activity, message.RegistrationId, rules.Value, clock.GetUtcNow()).Events);
        var messages = Seating.TimersOf(events, rules.Value);
        if (events.Count == 0 && activity.Find(message.RegistrationId) is { State: RegistrationState.Offered, OfferExpiresAt: { } expires })
        {
            messages.Schedule(message, expires);
        }

        return (events, messages);
    }
}
