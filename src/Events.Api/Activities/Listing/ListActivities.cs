using Events.Activities.Getting;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace Events.Activities.Listing;

public static class ListActivitiesEndpoint
{
    public static ProblemDetails Validate(int? limit, string? cursor) => Paging.Check(limit, cursor);

    /// <summary>Activities in the order they were scheduled, by type, series, or start between <c>from</c> and <c>to</c>.</summary>
    [WolverineGet("/api/activities", Name = "ListActivities")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Applicant, PartnerRole.Analyst)]
    [EndpointSummary("List activities a page at a time")]
    public static async Task<Page<ActivityDetails>> Get(
        ActivityType? type, Guid? seriesId, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, IQuerySession session,
        CancellationToken cancellation)
    {
        IQueryable<Activity> activities = session.Query<Activity>();
        if (type is { } wanted)
        {
            activities = activities.Where(activity => activity.Plan.Type == wanted);
        }

        if (seriesId is { } series)
        {
            activities = activities.Where(activity => activity.SeriesId == series);
        }

        if (from is { } start)
        {
            activities = activities.Where(activity => activity.Plan.StartsAt >= start);
        }

        if (to is { } end)
        {
            activities = activities.Where(activity => activity.Plan.StartsAt < end);
        }

        var page = await activities.ReadPageAsync(activity => activity.Id, cursor, limit, cancellation);
        return new Page<ActivityDetails>(page.Items.Select(ActivityDetails.Of).ToList(), page.NextCursor);
    }
}
