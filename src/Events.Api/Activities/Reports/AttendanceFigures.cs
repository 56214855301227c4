using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace Events.Activities.Reports;

/// <param name="Month">The month in the city's time zone, e.g. "2026-12".</param>
public record AttendanceFigure(ActivityType Type, string Month, int Activities, int Cancelled, int Seats, int Registered, int Attended, int NoShows, int Completions);

public static class AttendanceFiguresEndpoint
{
    public static ProblemDetails Validate(int year) => year is >= 2000 and <= 2100
        ? Wolverine.Http.WolverineContinue.NoProblems
        : Validation.Problem("year", "Give a year between 2000 and 2100.", "请给出 2000 到 2100 之间的年份。");

    /// <summary>Per type and per month (of the start, in the city's time zone) for one year: the base's attendance figures.</summary>
    [WolverineGet("/api/activity-figures", Name = "GetAttendanceFigures")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Analyst)]
    [Tags("Reports")]
    [EndpointSummary("Attendance figures per activity type and month")]
    public static async Task<IReadOnlyList<AttendanceFigure>> Get(int year, IQuerySession session, CancellationToken cancellation)
    {
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, CityTime.Offset);
        var to = from.AddYears(1);
        var activities = await session.Query<Activity>()
            .Where(activity => activity.Plan.StartsAt >= from && activity.Plan.StartsAt < to)
            .ToListAsync(cancellation);

        return activities
            .GroupBy(activity => (activity.Plan.Type, Month: activity.Plan.StartsAt.ToOffset(CityTime.Offset).ToString("yyyy-MM")))
            .OrderBy(group => group.Key.Month).ThenBy(group => group.Key.Type)
            .Select(group => new AttendanceFigure(
                group.Key.Type,
                group.Key.Month,
                group.Count(),
                group.Count(activity => activity.Cancelled),
                group.Sum(activity => activity.Plan.Capacity),
                group.Sum(activity => activity.Registrations.Count(registration => registration.State == RegistrationState.Seated)),
                group.Sum(activity => activity.Registrations.Count(registration => registration.SessionsAttended.Count > 0)),
                group.Sum(activity => activity.Registrations.Count(registration => registration.NoShow)),
                group.Sum(activity => activity.Registrations.Count(registration => registration.Completed))))
            .ToList();
    }
}
