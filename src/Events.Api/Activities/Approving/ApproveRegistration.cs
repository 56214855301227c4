using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.Approving;

public static class ApproveRegistration
{
    /// <summary>An approved request takes a seat while capacity lasts, otherwise joins the waitlist, in the order approved.</summary>
    public static Decision Decide(Activity activity, Guid registrationId, DateTimeOffset now) => activity.Find(registrationId) switch
    {
        null => new Refusal("no-such-registration", "The activity has no registration with this id.", "该活动没有与此 ID 相符的报名。"),
        { State: RegistrationState.AwaitingApproval } when !activity.Cancelled && !activity.AttendanceClosed =>
            Decision.Of(new RegistrationApproved(activity.Id, registrationId, now), Seating.SeatOrWaitlist(activity, registrationId, now)),
        { State: RegistrationState.Seated or RegistrationState.Waitlisted or RegistrationState.Offered } => Decision.Nothing,
        var registration => new Refusal("only-a-pending-registration-is-approved",
            activity.Cancelled || activity.AttendanceClosed ? "The activity is over." : $"The registration is {registration.State}.",
            activity.Cancelled || activity.AttendanceClosed ? "该活动已结束。" : $"该报名当前状态为 {registration.State}。"),
    };
}

public static class ApproveRegistrationEndpoint
{
    [WolverinePost("/api/activities/{id}/registrations/{registrationId}/approval", Name = "ApproveRegistration")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Registrations")]
    [EndpointSummary("Approve a registration held for approval")]
    public static (IResult, Wolverine.Marten.Events) Post(
        Guid registrationId, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        ApproveRegistration.Decide(activity, registrationId, clock.GetUtcNow()).Respond(request, response, activity.Version);
}
