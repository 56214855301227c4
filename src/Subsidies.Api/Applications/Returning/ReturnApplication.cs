using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Returning;

/// <summary>The base returns a submitted application to the applicant for changes, saying what to change.</summary>
public record ReturnApplication(IReadOnlyList<string> Reasons)
{
    public static ReturnApplication Example { get; } = new(["Attach the R&D spend as audited, not as budgeted."]);

    public sealed class Validator : AbstractValidator<ReturnApplication>
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
        ApplicationState.Eligible or ApplicationState.Ineligible => Decision.Of(new ApplicationReturned(application.Id, reasons, now)),
        ApplicationState.Returned when application.ReturnReasons.SequenceEqual(reasons) => Decision.Nothing,
        _ => new Refusal("only-a-submitted-application-is-returned", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。"),
    };
}

public static class ReturnApplicationEndpoint
{
    public static ProblemDetails Validate(ReturnApplication command) => ReturnApplication.Validator.Instance.Check(command);

    [WolverinePost("/api/subsidy-applications/{id}/return", Name = "ReturnSubsidyApplication")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy applications")]
    [EndpointSummary("Return a submitted application to the applicant for changes, with reasons")]
    public static (IResult, Events) Post(
        ReturnApplication command, [WriteAggregate] SubsidyApplication application, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        ReturnApplication.Decide(application, command.Reasons.Select(reason => reason.Trim()).ToList(), clock.GetUtcNow())
            .Respond(request, response, application.Version);
}
