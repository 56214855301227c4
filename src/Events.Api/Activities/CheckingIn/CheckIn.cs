using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Events.Activities.CheckingIn;

/// <summary>Staff check a participant in on the day, by the code they show or by the registration found in the roster.</summary>
/// <param name="Code">The registration's check-in code; or give <paramref name="RegistrationId"/>.</param>
/// <param name="Session">Which session (1 when the activity has one).</param>
public record CheckIn(string? Code, Guid? RegistrationId, int? Session)
{
    public static CheckIn Example { get; } = new("K7M2Q9TX", null, 1);

    public sealed class Validator : AbstractValidator<CheckIn>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x).Must(x => (x.Code is null) != (x.RegistrationId is null)).WithName("code")
                .WithMessage("Give either the registration's code or its id.", "请提供报名码或报名 ID，二者择一。");
            RuleFor(x => x.Code).Length(8).When(x => x.Code is not null);
            RuleFor(x => x.RegistrationId).NotEmpty().When(x => x.RegistrationId is not null);
            RuleFor(x => x.Session).InclusiveBetween(1, 60);
        }
    }

    public Registration? Find(Activity activity) => RegistrationId is { } id
        ? activity.Find(id)
        : activity.Registrations.Find(registration => string.Equals(registration.Code, Code, StringComparison.OrdinalIgnoreCase));

    /// <summary>Only a seated participant is checked in, on or after the day the activity starts; the first check-in is published.</summary>
    public static Decision Decide(Activity activity, Registration? registration, int session, DateTimeOffset now)
    {
        if (registration is null)
        {
            return new Refusal("no-such-registration", "No registration of this activity has this code or id.", "该活动没有与此报名码或 ID 相符的报名。");
        }

        if (activity.Cancelled || activity.AttendanceClosed)
        {
            return new Refusal("activity-is-over", activity.Cancelled ? "The activity was cancelled." : "Attendance is closed.",
                activity.Cancelled ? "该活动已取消。" : "该活动已截止签到。");
        }

        if (CityTime.DateOf(now) < DateOnly.FromDateTime(activity.Plan.StartsAt.DateTime))
        {
            return new Refusal("check-in-opens-on-the-day", $"Check-in opens on {activity.Plan.StartsAt:yyyy-MM-dd}.",
                $"签到将于 {activity.Plan.StartsAt:yyyy-MM-dd} 开放。");
        }

        if (session > activity.Plan.Sessions)
        {
            return new Refusal("no-such-session", $"The activity has {activity.Plan.Sessions} session(s).", $"该活动共有 {activity.Plan.Sessions} 个场次。");
        }

        if (registration.State != RegistrationState.Seated)
        {
            return new Refusal("only-a-seated-participant-checks-in", $"The registration is {registration.State}.", $"该报名当前状态为 {registration.State}。");
        }

        if (registration.SessionsAttended.Contains(session))
        {
            return Decision.Nothing;
        }

        var checkedIn = Decision.Of(new CheckedIn(activity.Id, registration.Id, session, now));
        return registration.SessionsAttended.Count > 0
            ? checkedIn
            : checkedIn.Publishing(new Published.ParticipantAttended(activity.Id, registration.StudentId, activity.Plan.Title, activity.Plan.Type.ToString(),
                CityTime.DateOf(now), now));
    }
}

public static class CheckInEndpoint
{
    public static ProblemDetails Validate(CheckIn command) => CheckIn.Validator.Instance.Check(command);

    [WolverinePost("/api/activities/{id}/check-ins", Name = "CheckIn")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Check-in")]
    [EndpointSummary("Check a participant in, by registration code or id")]
    public static (IResult, Wolverine.Marten.Events) Post(
        CheckIn command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        CheckIn.Decide(activity, command.Find(activity), command.Session ?? 1, clock.GetUtcNow()).Respond(request, response, activity.Version);
}
