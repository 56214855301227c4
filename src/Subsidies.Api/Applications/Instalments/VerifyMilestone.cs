using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Instalments;

/// <param name="Evidence">What the base relied on, e.g. the recognition certificate's number.</param>
public record VerifyMilestone(string Evidence)
{
    public static VerifyMilestone Example { get; } = new("High-tech enterprise certificate GR202635100123, issued 2027-12-10.");

    public sealed class Validator : AbstractValidator<VerifyMilestone>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Evidence).NotEmpty().MaximumLength(1000);
    }

    public static Decision Decide(SubsidyApplication application, int number, string evidence, DateTimeOffset now) =>
        application.Suspended
            ? new Refusal("subsidy-suspended", $"The grant is suspended: {application.RemedyReason}", $"该项补贴已暂停：{application.RemedyReason}")
            : application.Instalments.Find(instalment => instalment.Number == number) switch
        {
            null => new Refusal("no-such-instalment", "The grant has no instalment with this number.", "该项补贴没有此编号的分期款。"),
            { State: InstalmentState.Pending } when application.State == ApplicationState.Approved =>
                Decision.Of(new MilestoneVerified(application.Id, number, evidence, now)),
            { State: InstalmentState.MilestoneVerified or InstalmentState.Released } => Decision.Nothing,
            { State: InstalmentState.Lapsed } => new Refusal("instalment-lapsed", "The milestone deadline passed; the instalment lapsed.",
                "里程碑截止日期已过，该期分期款已失效。"),
            _ => new Refusal("milestones-need-a-granted-subsidy", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。"),
        };
}

public static class VerifyMilestoneEndpoint
{
    public static ProblemDetails Validate(VerifyMilestone command) => VerifyMilestone.Validator.Instance.Check(command);

    [WolverinePost("/api/subsidy-applications/{id}/instalments/{number}/milestone-verification", Name = "VerifyMilestone")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy instalments")]
    [EndpointSummary("Verify an instalment's milestone, with the evidence")]
    public static (IResult, Events) Post(
        VerifyMilestone command, int number, [WriteAggregate] SubsidyApplication application, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        VerifyMilestone.Decide(application, number, command.Evidence.Trim(), clock.GetUtcNow()).Respond(request, response, application.Version);
}
