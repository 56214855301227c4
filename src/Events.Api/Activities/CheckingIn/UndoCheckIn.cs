using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.CheckingIn;

/// <summary>Undoes a mistaken check-in (e.g. the wrong person ticked); both stay in the history.</summary>
public record UndoCheckIn(Guid RegistrationId, int? Session)
{
    public static UndoCheckIn Example { get; } = new(Guid.Parse("0196f0c4-7777-7000-8000-000000000001"), 1);

    public sealed class Validator : AbstractValidator<UndoCheckIn>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.RegistrationId).NotEmpty();
            RuleFor(x => x.Session).InclusiveBetween(1, 60);
        }
    }

    public static Decision Decide(Activity activity, Guid registrationId, int session, DateTimeOffset now) => activity.Find(registrationId) switch
    {
        null => new Refusal("no-such-registration", "The activity has no registration with this id.", "该活动没有与此 ID 相符的报名。"),
        _ when activity.AttendanceClosed => new Refusal("activity-is-over", "Attendance is closed.", "该活动已截止签到。"),
        var registration when registration.SessionsAttended.Contains(session) => Decision.Of(new CheckInUndone(activity.Id, registrationId, session, now)),
        _ => Decision.Nothing,
    };
}

public static class UndoCheckInEndpoint
{
    public static ProblemDetails Validate(UndoCheckIn command) => UndoCheckIn.Validator.Instance.Check(command);

    [WolverinePost("/api/activities/{id}/check-ins/undo", Name = "UndoCheckIn")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Check-in")]
    [EndpointSummary("Undo a mistaken check-in")]
    public static (IResult, Wolverine.Marten.Events) Post(
        UndoCheckIn command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        UndoCheckIn.Decide(activity, command.RegistrationId, command.Session ?? 1, clock.GetUtcNow()).Respond(request, response, activity.Version);
}
