using System.Security.Claims;
using Marten;
using Microsoft.Extensions.Options;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.CancellingRegistration;

public static class CancelRegistration
{
    /// <summary>A cancelled seat (or a declined offer) goes, as an offer, to the first on the waitlist.</summary>
    public static Decision Decide(Activity activity, Guid registrationId, CancelledBy by, EventsRules rules, DateTimeOffset now)
    {
        if (activity.Find(registrationId) is not { } registration)
        {
            return new Refusal("no-such-registration", "The activity has no registration with this id.", "该活动没有与此 ID 相符的报名。");
        }

        if (!registration.IsActive)
        {
            return registration.State == RegistrationState.Cancelled ? Decision.Nothing : new Refusal("registration-is-closed", $"The registration is {registration.State}.",
                $"该报名当前状态为 {registration.State}。");
        }

        if (activity.AttendanceClosed)
        {
            return new Refusal("activity-is-over", "The activity has ended.", "该活动已结束。");
        }

        var freesSeat = registration.State is RegistrationState.Seated or RegistrationState.Offered ? 1 : 0;
        return Decision.Of([
            new RegistrationCancelled(activity.Id, registrationId, by, now),
            .. Seating.OfferFreeSeats(activity, freesSeat, now, rules.SeatOfferPeriod, skipping: registrationId),
        ]);
    }
}

public static class CancelRegistrationEndpoint
{
    [WolverinePost("/api/activities/{id}/registrations/{registrationId}/cancellation", Name = "CancelRegistration")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Applicant)]
    [Tags("Registrations")]
    [EndpointSummary("Cancel a registration: a freed seat is offered to the first on the waitlist")]
    public static async Task<(IResult, Wolverine.Marten.Events, OutgoingMessages)> Post(
        Guid registrationId,
        [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IQuerySession session,
        IOptions<EventsRules> rules,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (activity.Find(registrationId) is { } registration && !await partner.ActsForAsync(registration, session, cancellation))
        {
            return (Results.NotFound(), [], []);
        }

        var by = partner.Role == PartnerRole.BaseAdministrator ? CancelledBy.Base : CancelledBy.Participant;
        return CancelRegistration.Decide(activity, registrationId, by, rules.Value, clock.GetUtcNow()).RespondWithOffers(request, response, activity.Version, rules.Value);
    }
}
