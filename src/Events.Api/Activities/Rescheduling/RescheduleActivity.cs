using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.Rescheduling;

/// <summary>The base moves an activity (and its venue, if it changes); registrations stand.</summary>
public record RescheduleActivity(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Venue)
{
    public static RescheduleActivity Example { get; } = new(
        new DateTimeOffset(2026, 12, 12, 9, 0, 0, CityTime.Offset), new DateTimeOffset(2026, 12, 13, 17, 0, 0, CityTime.Offset), null);

    public sealed class Validator : AbstractValidator<RescheduleActivity>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.StartsAt).NotEmpty().WithinTheProgrammesYears();
            RuleFor(x => x.EndsAt).GreaterThan(x => x.StartsAt).WithMessage("An activity ends after it starts.", "活动的结束时间须晚于开始时间。")
                .WithinTheProgrammesYears();
            RuleFor(x => x.Venue).NotEmpty().MaximumLength(200).When(x => x.Venue is not null);
        }
    }

    public static Decision Decide(Activity activity, RescheduleActivity command, DateTimeOffset now)
    {
        if (activity.Cancelled || activity.AttendanceClosed)
        {
            return new Refusal("activity-is-over", activity.Cancelled ? "The activity was cancelled." : "The activity has ended.",
                activity.Cancelled ? "该活动已取消。" : "该活动已结束。");
        }

        if (command.EndsAt < activity.Plan.RegistrationClosesAt)
        {
            return new Refusal("registration-closes-before-the-end", "The activity would end before its registration closes.",
                "活动的结束时间将早于报名截止时间。");
        }

        var venue = command.Venue?.Trim() ?? activity.Plan.Venue;
        var startsAt = command.StartsAt.ToOffset(CityTime.Offset);
        var endsAt = command.EndsAt.ToOffset(CityTime.Offset);
        return startsAt == activity.Plan.StartsAt && endsAt == activity.Plan.EndsAt && venue == activity.Plan.Venue
            ? Decision.Nothing
            : Decision.Of(new ActivityRescheduled(activity.Id, venue, startsAt, endsAt, now));
    }
}

public static class RescheduleActivityEndpoint
{
    public static ProblemDetails Validate(RescheduleActivity command) => RescheduleActivity.Validator.Instance.Check(command);

    [WolverinePost("/api/activities/{id}/rescheduling", Name = "RescheduleActivity")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Move an activity to another time or venue")]
    public static (IResult, Wolverine.Marten.Events, OutgoingMessages) Post(
        RescheduleActivity command, [WriteAggregate] Activity activity, HttpRequest request, HttpResponse response, TimeProvider clock)
    {
        var decision = RescheduleActivity.Decide(activity, command, clock.GetUtcNow());
        var (result, events) = decision.Respond(request, response, activity.Version);
        var end = new OutgoingMessages();
        foreach (var rescheduled in events.Count > 0 ? decision.Events.OfType<ActivityRescheduled>() : [])
        {
            end.Schedule(new ClosingAttendance.ActivityEnded(activity.Id), rescheduled.EndsAt);
        }

        return (result, events, end);
    }
}
