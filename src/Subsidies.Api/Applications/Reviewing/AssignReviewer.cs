using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Reviewing;

/// <param name="ReviewerId">The partner id of the reviewer's SubsidyReviewer key, e.g. <c>subsidy-expert-1</c>.</param>
public record AssignReviewer(string ReviewerId)
{
    public static AssignReviewer Example { get; } = new("subsidy-expert-1");

    public sealed class Validator : AbstractValidator<AssignReviewer>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.ReviewerId).NotEmpty().Matches("^[a-z0-9][a-z0-9-]{1,63}$");
    }

    public static Decision Decide(SubsidyApplication application, string reviewerId, DateTimeOffset now)
    {
        if (application.State != ApplicationState.Eligible)
        {
            return new Refusal("reviews-need-an-eligible-application", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。");
        }

        return application.ReviewBy(reviewerId) is null ? Decision.Of(new ReviewerAssigned(application.Id, reviewerId, now)) : Decision.Nothing;
    }
}

public static class AssignReviewerEndpoint
{
    public static ProblemDetails Validate(AssignReviewer command) => AssignReviewer.Validator.Instance.Check(command);

    [WolverinePost("/api/subsidy-applications/{id}/reviewers", Name = "AssignReviewer")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy reviews")]
    [EndpointSummary("Assign an expert reviewer to an eligible application")]
    public static (IResult, Events) Post(
        AssignReviewer command, [WriteAggregate] SubsidyApplication application, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        AssignReviewer.Decide(application, command.ReviewerId, clock.GetUtcNow()).Respond(request, response, application.Version);
}
