using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Subsidies.Applications.Instalments;
using Subsidies.Policies;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Subsidies.Applications.Deciding;

/// <summary>One instalment of the plan the base approves.</summary>
/// <param name="DueBy">When its milestone must be verified by; left out, the policy's deadline in months after approval applies.</param>
public record InstalmentPlan(string Name, decimal Amount, string Milestone, DateTimeOffset? DueBy);

/// <summary>The base grants an amount in the policy's range, paid in instalments that add up exactly to it.</summary>
/// <param name="Amount">CNY.</param>
/// <param name="Instalments">Left out, the policy's plan, which must then add up to the amount.</param>
public record ApproveApplication(decimal Amount, IReadOnlyList<InstalmentPlan>? Instalments)
{
    public static ApproveApplication Example { get; } = new(500_000m, null);

    public sealed class Validator : AbstractValidator<ApproveApplication>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, ignoreTrailingZeros: true);
            RuleFor(x => x.Instalments).Must(plan => plan is null || plan.Count is >= 1 and <= 20)
                .WithMessage("A plan has 1 to 20 instalments.", "分期计划须包含 1 至 20 期。");
            RuleForEach(x => x.Instalments).ChildRules(instalment =>
            {
                instalment.RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
                instalment.RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, ignoreTrailingZeros: true);
                instalment.RuleFor(x => x.Milestone).NotEmpty().MaximumLength(500);
            });
        }
    }

    public static Decision Decide(SubsidyApplication application, ApproveApplication approval, SubsidyPolicyTerms policy, DateTimeOffset now)
    {
        if (application.State == ApplicationState.Approved)
        {
            return application.GrantedAmount == approval.Amount ? Decision.Nothing : new Refusal("application-is-decided", "The application was already approved.",
                "该申请已获批准。");
        }

        if (application.State != ApplicationState.Eligible)
        {
            return new Refusal("decisions-need-an-eligible-application", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。");
        }

        if (application.ValidReviews < policy.Review.RequiredReviews)
        {
            return new Refusal("decision-needs-enough-valid-reviews",
                $"{application.ValidReviews} valid review(s); policy {policy.Version} requires {policy.Review.RequiredReviews}.",
                $"有效审核意见为 {application.ValidReviews} 份；政策版本 {policy.Version} 要求 {policy.Review.RequiredReviews} 份。");
        }

        if (approval.Amount < policy.MinimumAmount || approval.Amount > policy.MaximumAmount)
        {
            return new Refusal("amount-within-the-policy-range", $"Policy {policy.Version} grants CNY {policy.MinimumAmount:#,0} to {policy.MaximumAmount:#,0}.",
                $"政策版本 {policy.Version} 的补贴金额为人民币 {policy.MinimumAmount:#,0} 元至 {policy.MaximumAmount:#,0} 元。");
        }

        var plan = approval.Instalments?.Select((instalment, index) => new PlannedInstalment(index + 1, instalment.Name.Trim(), instalment.Amount,
                instalment.Milestone.Trim(), instalment.DueBy)).ToList()
            ?? policy.Instalments.Select((instalment, index) => new PlannedInstalment(index + 1, instalment.Name, instalment.Amount, instalment.Milestone,
                instalment.DeadlineMonths is { } months ? now.AddMonths(months) : null)).ToList();
        if (plan.Sum(instalment => instalment.Amount) != approval.Amount)
        {
            return new Refusal("instalments-add-up-to-the-amount",
                $"The instalments add up to CNY {plan.Sum(instalment => instalment.Amount):#,0.##}, not CNY {approval.Amount:#,0.##}.",
                $"各期分期款合计为人民币 {plan.Sum(instalment => instalment.Amount):#,0.##} 元，而非人民币 {approval.Amount:#,0.##} 元。");
        }

        return Decision.Of(new ApplicationApproved(application.Id, approval.Amount, policy.Version, plan, now))
            .Publishing(new Published.SubsidyApproved(application.Id, application.ApplicantId, approval.Amount, policy.Version, plan.Count, now));
    }
}

public static class ApproveApplicationEndpoint
{
    public static ProblemDetails Validate(ApproveApplication command) => ApproveApplication.Validator.Instance.Check(command);

    /// <summary>Each instalment with a deadline lapses by itself if its milestone is not verified by then.</summary>
    [WolverinePost("/api/subsidy-applications/{id}/approval", Name = "ApproveSubsidyApplication")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy decisions")]
    [EndpointSummary("Approve the grant: an amount in the policy's range and an instalment plan that adds up to it")]
    public static async Task<(IResult, Events, OutgoingMessages)> Post(
        ApproveApplication command,
        [WriteAggregate] SubsidyApplication application,
        HttpRequest request,
        HttpResponse response,
        IQuerySession session,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        var policy = await session.LoadAsync<SubsidyPolicy>(SubsidyPolicy.IdOf(application.Assessment?.PolicyVersion ?? ""), cancellation);
        if (policy is null)
        {
            return (Results.Problem(new Refusal("decisions-need-an-eligible-application", $"The application is {application.State}.",
                $"该申请当前状态为 {application.State}。").ToProblem()), [], []);
        }

        var decision = ApproveApplication.Decide(application, command, policy.Terms, clock.GetUtcNow());
        var (result, events) = decision.Respond(request, response, application.Version);
        var deadlines = new OutgoingMessages();
        var approved = events.Count > 0 ? decision.Events.OfType<ApplicationApproved>() : [];
        foreach (var instalment in approved.SelectMany(approval => approval.Instalments))
        {
            if (instalment.DueBy is { } dueBy)
            {
                deadlines.Schedule(new MilestoneDeadline(application.Id, instalment.Number), dueBy);
            }
        }

        return (result, events, deadlines);
    }
}
