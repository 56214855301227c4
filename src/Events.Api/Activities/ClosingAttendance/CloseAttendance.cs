using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Events.Activities.ClosingAttendance;

/// <summary>Scheduled with each activity, for its end: attendance closes by itself.</summary>
public record ActivityEnded(Guid ActivityId);

public static class CloseAttendance
{
    /// <summary>
    /// Seated participants never checked in are recorded as no-shows; for trainings and bootcamps, those who attended the
    /// required sessions get a completion record (published as training completed).
    /// </summary>
    public static Decision Decide(Activity activity, DateTimeOffset now)
    {
        if (activity.AttendanceClosed || activity.Cancelled)
        {
            return Decision.Nothing;
        }

        if (CityTime.DateOf(now) < DateOnly.FromDateTime(activity.Plan.StartsAt.DateTime))
        {
            return new Refusal("attendance-closes-on-or-after-the-day", $"The activity starts on {activity.Plan.StartsAt:yyyy-MM-dd}.",
                $"该活动于 {activity.Plan.StartsAt:yyyy-MM-dd} 开始。");
        }

        var seated = activity.Registrations.Where(registration => registration.State == RegistrationState.Seated).ToList();
        var completions = activity.Plan.IssuesCompletionRecords
            ? seated.Where(registration => registration.SessionsAttended.Count >= activity.Plan.RequiredSessions).ToList()
            : [];
        var decision = Decision.Of([
            new AttendanceClosed(activity.Id, now),
            .. seated.Where(registration => registration.SessionsAttended.Count == 0)
                .Select(registration => new NoShowRecorded(activity.Id, registration.Id, now)),
            .. completions.Select(registration => new CompletionRecorded(activity.Id, registration.Id, registration.SessionsAttended.Count, now)),
        ]);
        var completedOn = CityTime.DateOf(now);
        return decision.Publishing([.. completions.Select(registration => new Published.TrainingCompleted(
            activity.Id, registration.StudentId, activity.Plan.Title, activity.Plan.Type.ToString(), registration.SessionsAttended.Count, completedOn, now))]);
    }
}

public static class CloseAttendanceEndpoint
{
    /// <summary>Closes attendance now rather than at the scheduled end (e.g. the last session finished early).</summary>
    [WolverinePost("/api/activities/{id}/attendance-closing", Name = "CloseAttendance")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Check-in")]
    [EndpointSummary("Close attendance: no-shows and completion records are recorded")]
    public static (IResult, Wolverine.Marten.Events) Post(
        [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        CloseAttendance.Decide(activity, clock.GetUtcNow()).Respond(request, response, activity.Version);
}

public static class ActivityEndedHandler
{
    /// <summary>Ignores an end that was moved later by a rescheduling: that one scheduled its own.</summary>
    public static Wolverine.Marten.Events Handle(
        ActivityEnded message, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var events = new Wolverine.Marten.Events();
        if (now >= activity.Plan.EndsAt)
        {
            events.AddRange(CloseAttendance.Decide(activity, now).EventsToAppend());
        }

        return events;
    }
}
