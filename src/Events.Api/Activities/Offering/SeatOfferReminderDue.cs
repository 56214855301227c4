using StudentBase.Http;
using Wolverine.Marten;

namespace Events.Activities.Offering;

/// <summary>Scheduled with each seat offer held longer than the reminder's lead, for the moment its student is reminded.</summary>
public record SeatOfferReminderDue(Guid ActivityId, Guid RegistrationId, DateTimeOffset ExpiresAt)
{
    /// <summary>Only the offer this reminder was scheduled for, still open and not yet reminded, is reminded: once.</summary>
    public static Decision Decide(Activity activity, SeatOfferReminderDue due, DateTimeOffset now) =>
        activity.Find(due.RegistrationId) is { State: RegistrationState.Offered, OfferExpiresAt: { } expires, OfferRemindedAt: null }
        && expires == due.ExpiresAt && now < expires
            ? Decision.Of(new SeatOfferLapsing(activity.Id, due.RegistrationId, expires, now))
            : Decision.Nothing;
}

public static class SeatOfferReminderDueHandler
{
    public static Wolverine.Marten.Events Handle(
        SeatOfferReminderDue message, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity, TimeProvider clock)
    {
        var events = new Wolverine.Marten.Events();
        events.AddRange(SeatOfferReminderDue.Decide(activity, message, clock.GetUtcNow()).Events);
        return events;
    }
}
