using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine;
using Wolverine.Http;

namespace Events.Activities.Scheduling;

public enum Recurrence
{
    Weekly = 1,
    Monthly = 2,
}

/// <summary>A recurring series (e.g. a monthly cultural salon): separate activities, created together, sharing a series id.</summary>
/// <param name="First">The first activity; the others repeat it, shifted by the recurrence.</param>
/// <param name="Occurrences">How many activities, the first included (2 to 52).</param>
public record ScheduleSeries(ScheduleActivity First, Recurrence Recurrence, int Occurrences)
{
    public static ScheduleSeries Example { get; } = new(
        ScheduleActivity.Example with { Title = "Cultural salon (文化沙龙)", Type = ActivityType.CulturalSalon, Audience = Audience.Anyone, Sessions = 1, RequiredSessions = 1 },
        Recurrence.Monthly, 6);

    public sealed class Validator : AbstractValidator<ScheduleSeries>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.First).NotNull().SetValidator(ScheduleActivity.Validator.Instance);
            RuleFor(x => x.Recurrence).IsInEnum();
            RuleFor(x => x.Occurrences).InclusiveBetween(2, 52);
        }
    }

    /// <summary>The plans of the series: every time of the first moved by the same whole weeks or calendar months.</summary>
    public IEnumerable<ActivityPlan> Plans()
    {
        var first = First.ToPlan();
        for (var i = 0; i < Occurrences; i++)
        {
            DateTimeOffset Shift(DateTimeOffset at) => Recurrence == Recurrence.Weekly ? at.AddDays(7 * i) : at.AddMonths(i);
            yield return first with
            {
                StartsAt = Shift(first.StartsAt),
                EndsAt = Shift(first.EndsAt),
                RegistrationOpensAt = Shift(first.RegistrationOpensAt),
                RegistrationClosesAt = Shift(first.RegistrationClosesAt),
            };
        }
    }
}

/// <param name="Id">The series' id.</param>
/// <param name="Url">Its activities.</param>
/// <param name="ActivityIds">In date order.</param>
public record ScheduledSeries(Guid Id, string Url, IReadOnlyList<Guid> ActivityIds) : NewResource<Guid>(Id, Url)
{
    public static ScheduledSeries Example { get; } = new(Guid.Parse("0196f0c4-5555-7000-8000-000000000001"),
        "/api/activities?seriesId=0196f0c4-5555-7000-8000-000000000001",
        [Guid.Parse("0196f0c4-6666-7000-8000-000000000001"), Guid.Parse("0196f0c4-6666-7000-8000-000000000002")]);
}

public static class ScheduleSeriesEndpoint
{
    public static ProblemDetails Validate(ScheduleSeries command) => ScheduleSeries.Validator.Instance.Check(command);

    [WolverinePost("/api/activity-series", Name = "ScheduleSeries")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Schedule a recurring series of activities at once (e.g. a monthly salon)")]
    public static (ScheduledSeries, OutgoingMessages) Post(ScheduleSeries command, IDocumentSession session, TimeProvider clock)
    {
        var seriesId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var ids = new List<Guid>();
        var ends = new OutgoingMessages();
        foreach (var plan in command.Plans())
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Activity>(id, new ActivityScheduled(id, seriesId, plan, now));
            ends.Schedule(new ClosingAttendance.ActivityEnded(id), plan.EndsAt);
            ids.Add(id);
        }

        return (new ScheduledSeries(seriesId, $"/api/activities?seriesId={seriesId}", ids), ends);
    }
}
