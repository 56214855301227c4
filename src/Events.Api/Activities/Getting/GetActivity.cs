using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.Getting;

/// <summary>An activity and its figures: no participant is named here (see the roster).</summary>
public record ActivityDetails(
    Guid Id,
    Guid? SeriesId,
    ActivityPlan Plan,
    bool Cancelled,
    string? CancellationReason,
    bool AttendanceClosed,
    int Seated,
    int Offered,
    int Waitlisted,
    int AwaitingApproval,
    int SeatsLeft,
    int Attended,
    int NoShows,
    int Completions,
    int Version)
{
    public static ActivityDetails Example { get; } = new(
        Guid.Parse("0196f0c4-6666-7000-8000-000000000001"), null, Scheduling.ScheduleActivity.Example.ToPlan(), false, null, false,
        38, 2, 5, 0, 0, 0, 0, 0, 52);

    public static ActivityDetails Of(Activity activity)
    {
        int Count(RegistrationState state) => activity.Registrations.Count(registration => registration.State == state);
        return new ActivityDetails(activity.Id, activity.SeriesId, activity.Plan, activity.Cancelled, activity.CancellationReason,
            activity.AttendanceClosed, Count(RegistrationState.Seated), Count(RegistrationState.Offered), Count(RegistrationState.Waitlisted),
            Count(RegistrationState.AwaitingApproval), Math.Max(0, activity.Plan.Capacity - activity.SeatsInUse),
            activity.Registrations.Count(registration => registration.SessionsAttended.Count > 0),
            activity.Registrations.Count(registration => registration.NoShow), activity.Registrations.Count(registration => registration.Completed),
            activity.Version);
    }
}

public static class GetActivityEndpoint
{
    [WolverineGet("/api/activities/{id}", Name = "GetActivity")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Applicant, PartnerRole.Analyst)]
    [AnswersETag]
    [EndpointSummary("An activity: its plan, state, seats left and attendance figures")]
    public static ActivityDetails Get([ReadAggregate] Activity activity, HttpResponse response)
    {
        response.SetETag(activity.Version);
        return ActivityDetails.Of(activity);
    }
}
