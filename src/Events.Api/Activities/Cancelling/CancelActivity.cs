using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Events.Activities.Cancelling;

public record CancelActivity(string Reason)
{
    public static CancelActivity Example { get; } = new("The venue is closed for a typhoon warning.");

    public sealed class Validator : AbstractValidator<CancelActivity>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }

    /// <summary>Every registrant still holding a seat, an offer, a waitlist place or a pending request is told, in one published notice.</summary>
    public static Decision Decide(Activity activity, string reason, DateTimeOffset now)
    {
        if (activity.Cancelled)
        {
            return Decision.Nothing;
        }

        if (activity.AttendanceClosed)
        {
            return new Refusal("activity-is-over", "The activity has ended.", "该活动已结束。");
        }

        var registrants = activity.Registrations.Where(registration => registration.IsActive).Select(registration => registration.StudentId).ToList();
        return Decision.Of(new ActivityCancelled(activity.Id, reason, now)).Publishing(new Published.ActivityCancelled(
            activity.Id, activity.Plan.Title, activity.Plan.Type.ToString(), activity.Plan.StartsAt, reason, registrants, now));
    }
}

public static class CancelActivityEndpoint
{
    public static ProblemDetails Validate(CancelActivity command) => CancelActivity.Validator.Instance.Check(command);

    [WolverinePost("/api/activities/{id}/cancellation", Name = "CancelActivity")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Cancel an activity: every registrant is told")]
    public static (IResult, Wolverine.Marten.Events) Post(
        CancelActivity command, [WriteAggregate] Activity activity, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        CancelActivity.Decide(activity, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, activity.Version);
}
