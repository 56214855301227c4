using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.Approving;

public record DeclineRegistration(string Reason)
{
    public static DeclineRegistration Example { get; } = new("The bootcamp is for founders with a registered company.");

    public sealed class Validator : AbstractValidator<DeclineRegistration>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }

    public static Decision Decide(Activity activity, Guid registrationId, string reason, DateTimeOffset now) => activity.Find(registrationId) switch
    {
        null => new Refusal("no-such-registration", "The activity has no registration with this id.", "该活动没有与此 ID 相符的报名。"),
        { State: RegistrationState.AwaitingApproval } => Decision.Of(new RegistrationDeclined(activity.Id, registrationId, reason, now)),
        { State: RegistrationState.Declined } => Decision.Nothing,
        var registration => new Refusal("only-a-pending-registration-is-declined", $"The registration is {registration.State}.",
            $"该报名当前状态为 {registration.State}。"),
    };
}

public static class DeclineRegistrationEndpoint
{
    public static ProblemDetails Validate(DeclineRegistration command) => DeclineRegistration.Validator.Instance.Check(command);

    [WolverinePost("/api/activities/{id}/registrations/{registrationId}/decline", Name = "DeclineRegistration")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Registrations")]
    [EndpointSummary("Decline a registration held for approval, with the reason")]
    public static (IResult, Wolverine.Marten.Events) Post(
        DeclineRegistration command, Guid registrationId, [WriteAggregate] Activity activity, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        DeclineRegistration.Decide(activity, registrationId, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, activity.Version);
}
