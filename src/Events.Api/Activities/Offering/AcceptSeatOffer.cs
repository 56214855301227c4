using System.Security.Claims;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.Offering;

public static class AcceptSeatOffer
{
    public static Decision Decide(Activity activity, Guid registrationId, DateTimeOffset now) => activity.Find(registrationId) switch
    {
        null => new Refusal("no-such-registration", "The activity has no registration with this id.", "该活动没有与此 ID 相符的报名。"),
        { State: RegistrationState.Seated } => Decision.Nothing,
        { State: RegistrationState.Offered, OfferExpiresAt: { } expires } when now < expires =>
            Decision.Of(new SeatAssigned(activity.Id, registrationId, now)),
        { State: RegistrationState.Offered } => new Refusal("seat-offer-lapsed", "The offer has lapsed; the seat passes to the next on the waitlist.",
            "该名额邀请已失效，名额将依次让给候补名单中的下一位。"),
        var registration => new Refusal("no-seat-offered", $"No seat is offered to this registration; it is {registration.State}.",
            $"未向该报名发出名额邀请；该报名当前状态为 {registration.State}。"),
    };
}

public static class AcceptSeatOfferEndpoint
{
    [WolverinePost("/api/activities/{id}/registrations/{registrationId}/offer-acceptance", Name = "AcceptSeatOffer")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Applicant)]
    [Tags("Registrations")]
    [EndpointSummary("Accept the seat offered from the waitlist before the offer lapses")]
    public static async Task<(IResult, Wolverine.Marten.Events)> Post(
        Guid registrationId,
        [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IQuerySession session,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        if (activity.Find(registrationId) is { } registration && !await user.Partner().ActsForAsync(registration, session, cancellation))
        {
            return (Results.NotFound(), []);
        }

        return AcceptSeatOffer.Decide(activity, registrationId, clock.GetUtcNow()).Respond(request, response, activity.Version);
    }
}
