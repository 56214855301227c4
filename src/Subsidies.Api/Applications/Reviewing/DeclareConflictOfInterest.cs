using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Reviewing;

public record DeclareConflictOfInterest(string Reason)
{
    public static DeclareConflictOfInterest Example { get; } = new("I advised the company on its business plan in 2025.");

    public sealed class Validator : AbstractValidator<DeclareConflictOfInterest>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }

    /// <summary>The reviewer is excluded; a review already given no longer counts.</summary>
    public static Decision Decide(SubsidyApplication application, string reviewerId, string reason, DateTimeOffset now) => application.ReviewBy(reviewerId) switch
    {
        null => new Refusal("only-an-assigned-reviewer-reviews", "This reviewer is not assigned to the application.", "该审核人未被分配审核此申请。"),
        { ConflictOfInterest: true } => Decision.Nothing,
        _ when application.State != ApplicationState.Eligible => new Refusal("reviews-need-an-eligible-application", $"The application is {application.State}.",
            $"该申请当前状态为 {application.State}。"),
        _ => Decision.Of(new ConflictOfInterestDeclared(application.Id, reviewerId, reason, now)),
    };
}

public static class DeclareConflictOfInterestEndpoint
{
    public static ProblemDetails Validate(DeclareConflictOfInterest command) => DeclareConflictOfInterest.Validator.Instance.Check(command);

    [WolverinePost("/api/subsidy-applications/{id}/conflict-of-interest", Name = "DeclareConflictOfInterest")]
    [Allow(PartnerRole.SubsidyReviewer)]
    [Tags("Subsidy reviews")]
    [EndpointSummary("Declare a conflict of interest: the reviewer is excluded from the application")]
    public static (IResult, Events) Post(
        DeclareConflictOfInterest command, [WriteAggregate] SubsidyApplication application, ClaimsPrincipal user, HttpRequest request,
        HttpResponse response, TimeProvider clock) =>
        DeclareConflictOfInterest.Decide(application, user.Partner().PartnerId, command.Reason.Trim(), clock.GetUtcNow())
            .Respond(request, response, application.Version);
}
