using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Subsidies.Applications.Deciding;

public record RejectApplication(IReadOnlyList<string> Reasons)
{
    public static RejectApplication Example { get; } = new(["The market analysis does not support the revenue plan."]);

    public sealed class Validator : AbstractValidator<RejectApplication>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Reasons).NotEmpty().Must(reasons => reasons.Count <= 20).WithMessage("Give 1 to 20 reasons.", "请提供 1 至 20 条理由。");
            RuleForEach(x => x.Reasons).NotEmpty().MaximumLength(500);
        }
    }

    public static Decision Decide(SubsidyApplication application, IReadOnlyList<string> reasons, DateTimeOffset now) => application.State switch
    {
        ApplicationState.Eligible or ApplicationState.Ineligible => Decision.Of(new ApplicationRejected(application.Id, reasons, now))
            .Publishing(new Published.SubsidyRejected(application.Id, application.ApplicantId, now)),
        ApplicationState.Rejected => Decision.Nothing,
        _ => new Refusal("decisions-need-an-eligible-application", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。"),
    };
}

public static class RejectApplicationEndpoint
{
    public static ProblemDetails Validate(RejectApplication command) => RejectApplication.Validator.Instance.Check(command);

    [WolverinePost("/api/subsidy-applications/{id}/rejection", Name = "RejectSubsidyApplication")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy decisions")]
    [EndpointSummary("Reject the application, with reasons")]
    public static (IResult, Events) Post(
        RejectApplication command, [WriteAggregate] SubsidyApplication application, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        RejectApplication.Decide(application, command.Reasons.Select(reason => reason.Trim()).ToList(), clock.GetUtcNow())
            .Respond(request, response, application.Version);
}
