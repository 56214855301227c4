using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Remedies;

/// <summary>The base reclaims part or all of what was paid.</summary>
/// <param name="Amount">CNY, at most what was paid and not yet reclaimed.</param>
public record ClawBack(decimal Amount, string Reason)
{
    public static ClawBack Example { get; } = new(200_000m, "The company left the software park within a year of the first instalment.");

    public sealed class Validator : AbstractValidator<ClawBack>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, ignoreTrailingZeros: true);
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
        }
    }

    public static Decision Decide(SubsidyApplication application, decimal amount, string reason, DateTimeOffset now)
    {
        if (application.State is not (ApplicationState.Approved or ApplicationState.Terminated or ApplicationState.Closed))
        {
            return new Refusal("claw-back-needs-a-grant", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。");
        }

        var reclaimable = application.Paid - application.ClawedBack;
        return amount > reclaimable
            ? new Refusal("claw-back-at-most-what-was-paid", $"CNY {reclaimable:#,0.##} was paid and not yet reclaimed.",
                $"已拨付且尚未追回的金额为人民币 {reclaimable:#,0.##} 元。")
            : Decision.Of(new AmountClawedBack(application.Id, amount, reason, now));
    }
}

public static class ClawBackEndpoint
{
    public static ProblemDetails Validate(ClawBack command) => ClawBack.Validator.Instance.Check(command);

    /// <summary>Each call reclaims again; send the ETag in If-Match so a retry cannot reclaim twice.</summary>
    [WolverinePost("/api/subsidy-applications/{id}/claw-back", Name = "ClawBack")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy remedies")]
    [EndpointSummary("Claw back an amount already paid, with the reason")]
    public static (IResult, Events) Post(
        ClawBack command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] SubsidyApplication application, HttpRequest request,
        HttpResponse response, TimeProvider clock) =>
        ClawBack.Decide(application, command.Amount, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, application.Version);
}
