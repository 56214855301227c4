using System.Security.Claims;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.Getting;

/// <summary>One registration as the participant's side sees it: its state, place on the waitlist or seat offer, attendance and result.</summary>
/// <param name="Code">The check-in code the participant shows at the door.</param>
/// <param name="WaitlistPosition">1 for the first waiting; null when not waitlisted.</param>
/// <param name="OfferExpiresAt">Until when an offered seat may be accepted; null without an offer.</param>
/// <param name="SessionsAttended">The sessions (numbered from 1) the participant was checked in to.</param>
public record RegistrationDetails(
    Guid Id,
    Guid ActivityId,
    Guid StudentId,
    RegistrationState State,
    string Code,
    int? WaitlistPosition,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? OfferExpiresAt,
    IReadOnlyList<int> SessionsAttended,
    bool NoShow,
    bool Completed,
    int? Rank,
    string? Award)
{
    public static RegistrationDetails Example { get; } = new(Guid.Parse("0196f0c4-7777-7000-8000-000000000001"),
        Guid.Parse("0196f0c4-6666-7000-8000-000000000001"), Guid.Parse("0196f0c4-1111-7000-8000-000000000001"), RegistrationState.Waitlisted, "K7M2Q9TX", 3,
        new DateTimeOffset(2026, 5, 4, 9, 30, 0, TimeSpan.FromHours(8)), null, [], false, false, null, null);

    public static RegistrationDetails Of(Activity activity, Registration registration)
    {
        var position = activity.Waitlist.Select(waiting => waiting.Id).ToList().IndexOf(registration.Id);
        return new RegistrationDetails(registration.Id, activity.Id, registration.StudentId, registration.State, registration.Code,
            position < 0 ? null : position + 1, registration.ReceivedAt, registration.OfferExpiresAt, registration.SessionsAttended, registration.NoShow,
            registration.Completed, registration.Rank, registration.Award);
    }
}

public static class GetRegistrationEndpoint
{
    /// <summary>The participant, their university and the base see a registration; to everyone else it does not exist.</summary>
    [WolverineGet("/api/activities/{id}/registrations/{registrationId}", Name = "GetRegistration")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Applicant)]
    [EndpointSummary("A registration: its state, waitlist position or seat offer, attendance and result")]
    public static async Task<RegistrationDetails?> Get(
        [ReadAggregate] Activity activity, Guid registrationId, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation) =>
        activity.Registrations.Find(candidate => candidate.Id == registrationId) is { } registration
        && await user.Partner().ActsForAsync(registration, session, cancellation)
            ? RegistrationDetails.Of(activity, registration)
            : null;
}
