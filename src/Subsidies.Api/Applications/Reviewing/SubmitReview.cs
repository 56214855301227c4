using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Subsidies.Policies;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Reviewing;

/// <param name="Scores">One score per criterion of the policy's rubric (names in any case), from 0 to its maximum.</param>
public record SubmitReview(IReadOnlyDictionary<string, int> Scores, string Comments)
{
    public static SubmitReview Example { get; } = new(
        new Dictionary<string, int> { ["Innovation"] = 26, ["Team"] = 21, ["Market"] = 19, ["Feasibility"] = 17 }, "A credible team with a tested product.");

    public sealed class Validator : AbstractValidator<SubmitReview>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Scores).NotEmpty().Must(scores => scores.Count <= 50);
            RuleFor(x => x.Comments).NotEmpty().MaximumLength(4000);
        }
    }

    public static Decision Decide(SubsidyApplication application, string reviewerId, SubmitReview review, ReviewRules rules, DateTimeOffset now)
    {
        if (application.ReviewBy(reviewerId) is not { } assigned)
        {
            return new Refusal("only-an-assigned-reviewer-reviews", "This reviewer is not assigned to the application.", "该审核人未被分配审核此申请。");
        }

        if (assigned.ConflictOfInterest)
        {
            return new Refusal("a-reviewer-with-a-conflict-of-interest-is-excluded", "The reviewer declared a conflict of interest.",
                "该审核人已申报利益冲突。");
        }

        if (application.State != ApplicationState.Eligible)
        {
            return new Refusal("reviews-need-an-eligible-application", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。");
        }

        var rubric = rules.Rubric.ToDictionary(criterion => criterion.Criterion, StringComparer.OrdinalIgnoreCase);
        var scores = review.Scores.Where(score => rubric.ContainsKey(score.Key))
            .ToDictionary(score => rubric[score.Key].Criterion, score => score.Value);
        if (scores.Count != review.Scores.Count || scores.Count != rubric.Count
            || scores.Any(score => score.Value < 0 || score.Value > rubric[score.Key].MaximumScore))
        {
            return new Refusal("scores-follow-the-rubric",
                "Score every rubric criterion once, from 0 to its maximum: " + string.Join(", ", rules.Rubric.Select(c => $"{c.Criterion} (0-{c.MaximumScore})")) + ".",
                "须对每项评分标准各评分一次，分值为 0 至该项最高分："
                    + string.Join("、", rules.Rubric.Select(c => $"{c.Criterion}（0-{c.MaximumScore}）")) + "。");
        }

        if (assigned.Scores is not null)
        {
            return assigned.Scores.OrderBy(s => s.Key).SequenceEqual(scores.OrderBy(s => s.Key)) && assigned.Comments == review.Comments
                ? Decision.Nothing
                : new Refusal("one-review-per-reviewer", "The reviewer already submitted a review.", "该审核人已提交审核意见。");
        }

        return Decision.Of(new ReviewSubmitted(application.Id, reviewerId, scores, review.Comments, now));
    }
}

public static class SubmitReviewEndpoint
{
    public static ProblemDetails Validate(SubmitReview command) => SubmitReview.Validator.Instance.Check(command);

    [WolverinePost("/api/subsidy-applications/{id}/reviews", Name = "SubmitReview")]
    [Allow(PartnerRole.SubsidyReviewer)]
    [Tags("Subsidy reviews")]
    [EndpointSummary("Submit a review: a score for each rubric criterion of the policy the application was assessed under")]
    public static async Task<(IResult, Events)> Post(
        SubmitReview command,
        [WriteAggregate] SubsidyApplication application,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IQuerySession session,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        var policy = await session.LoadAsync<SubsidyPolicy>(SubsidyPolicy.IdOf(application.Assessment?.PolicyVersion ?? ""), cancellation);
        var rules = policy?.Terms.Review ?? new ReviewRules(0, []);
        return SubmitReview.Decide(application, user.Partner().PartnerId, command with { Comments = command.Comments.Trim() }, rules, clock.GetUtcNow())
            .Respond(request, response, application.Version);
    }
}
