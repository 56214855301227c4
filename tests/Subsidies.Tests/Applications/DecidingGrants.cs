using StudentBase.Http;
using Subsidies.Applications;
using Subsidies.Applications.Deciding;
using Subsidies.Applications.Instalments;
using Subsidies.Applications.Reviewing;
using Published = StudentBase.Contracts;

namespace Subsidies.Tests.Applications;

/// <summary>Given an eligible application's history, when it is reviewed, decided and paid, then its events or the rule that refuses.</summary>
public class DecidingGrants
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Dictionary<string, int> Scores = new() { ["Innovation"] = 80 };

    private static SubsidyApplication Given(params object[] history)
    {
        var application = SubsidyApplication.Create(new ApplicationDrafted(Guid.CreateVersion7(), Guid.CreateVersion7(),
            Subsidies.Applications.CompanyFacts.Example, "sealed", Now.AddDays(-30)));
        object[] eligible = [new ApplicationSubmitted(Guid.Empty, Now.AddDays(-20)),
            new EligibilityAssessed(Guid.Empty, "2022-05", true, [], new SupportingFacts(1, 1, []), Now.AddDays(-20))];
        foreach (var happened in eligible.Concat(history))
        {
            ((dynamic)application).Apply((dynamic)happened);
        }

        return application;
    }

    private static object[] Reviewed(int reviewers, params string[] conflicted) =>
    [
        .. Enumerable.Range(1, reviewers).Select(i => (object)new ReviewerAssigned(Guid.Empty, $"expert-{i}", Now.AddDays(-10))),
        .. Enumerable.Range(1, reviewers).Select(i => (object)new ReviewSubmitted(Guid.Empty, $"expert-{i}", Scores, "good", Now.AddDays(-5))),
        .. conflicted.Select(reviewer => (object)new ConflictOfInterestDeclared(Guid.Empty, reviewer, "adviser", Now.AddDays(-4))),
    ];

    private static PlannedInstalment[] Plan => [new(1, "On approval", 200_000m, "Approved", null), new(2, "Recognition", 300_000m, "Recognised", Now.AddYears(3))];

    private static object Approved => new ApplicationApproved(Guid.Empty, 500_000m, "2022-05", Plan, Now.AddDays(-1));

    [Fact]
    public void a_review_follows_the_rubric_once_per_assigned_reviewer_without_a_conflict()
    {
        var rules = AssessingEligibility.Policy2022.Review;
        var assigned = Given(new ReviewerAssigned(Guid.Empty, "expert-1", Now));

        SubmitReview.Decide(assigned, "expert-1", new SubmitReview(Scores, "good"), rules, Now).Events.ShouldHaveSingleItem().ShouldBeOfType<ReviewSubmitted>();
        SubmitReview.Decide(assigned, "expert-1", new SubmitReview(new Dictionary<string, int> { ["Innovation"] = 101 }, "x"), rules, Now).Refusal!.Rule
            .ShouldBe("scores-follow-the-rubric");
        SubmitReview.Decide(assigned, "expert-2", new SubmitReview(Scores, "good"), rules, Now).Refusal!.Rule.ShouldBe("only-an-assigned-reviewer-reviews");
        var conflicted = Given(new ReviewerAssigned(Guid.Empty, "expert-1", Now), new ConflictOfInterestDeclared(Guid.Empty, "expert-1", "adviser", Now));
        SubmitReview.Decide(conflicted, "expert-1", new SubmitReview(Scores, "good"), rules, Now).Refusal!.Rule
            .ShouldBe("a-reviewer-with-a-conflict-of-interest-is-excluded");
    }

    [Fact]
    public void a_decision_needs_the_configured_number_of_valid_reviews()
    {
        var policy = AssessingEligibility.Policy2022;

        ApproveApplication.Decide(Given(Reviewed(3, "expert-2")), new ApproveApplication(500_000m, null), policy, Now).Refusal!.Rule
            .ShouldBe("decision-needs-enough-valid-reviews");
        ApproveApplication.Decide(Given(Reviewed(3)), new ApproveApplication(500_000m, null), policy, Now).Events.ShouldHaveSingleItem()
            .ShouldBeOfType<ApplicationApproved>().Instalments.Select(instalment => instalment.Amount).ShouldBe([200_000m, 300_000m]);
    }

    [Fact]
    public void an_approval_is_in_the_policy_range_and_its_instalments_add_up_exactly()
    {
        var application = Given(Reviewed(3));
        var policy = AssessingEligibility.Policy2022;

        ApproveApplication.Decide(application, new ApproveApplication(600_000m, null), policy, Now).Refusal!.Rule.ShouldBe("amount-within-the-policy-range");
        ApproveApplication.Decide(application, new ApproveApplication(400_000m, null), policy, Now).Refusal!.Rule.ShouldBe("instalments-add-up-to-the-amount");
        ApproveApplication.Decide(application, new ApproveApplication(400_000m,
            [new InstalmentPlan("On approval", 200_000m, "Approved", null), new InstalmentPlan("Recognition", 199_999.99m, "Recognised", null)]), policy, Now)
            .Refusal!.Rule.ShouldBe("instalments-add-up-to-the-amount");

        var approved = ApproveApplication.Decide(application, new ApproveApplication(400_000m,
            [new InstalmentPlan("On approval", 200_000m, "Approved", null), new InstalmentPlan("Recognition", 200_000m, "Recognised", Now.AddYears(3))]), policy, Now);
        approved.Events.ShouldHaveSingleItem().ShouldBeOfType<ApplicationApproved>().Amount.ShouldBe(400_000m);
        approved.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.SubsidyApproved>().PolicyVersion.ShouldBe("2022-05");
    }

    [Fact]
    public void an_instalment_is_released_once_and_only_after_its_milestone_is_verified()
    {
        var approved = Given([.. Reviewed(3), Approved]);
        ReleaseInstalment.Decide(approved, 1, "PAY-1", Now).Refusal!.Rule.ShouldBe("release-needs-a-verified-milestone");

        var verified = Given([.. Reviewed(3), Approved, new MilestoneVerified(Guid.Empty, 1, "decision", Now)]);
        var released = ReleaseInstalment.Decide(verified, 1, "PAY-1", Now);
        released.Events.ShouldBe([new InstalmentReleased(verified.Id, 1, 200_000m, "PAY-1", Now)]);
        released.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.SubsidyInstalmentReleased>().Amount.ShouldBe(200_000m);

        var paid = Given([.. Reviewed(3), Approved, new MilestoneVerified(Guid.Empty, 1, "decision", Now), new InstalmentReleased(Guid.Empty, 1, 200_000m, "PAY-1", Now)]);
        ReleaseInstalment.Decide(paid, 1, "PAY-1", Now).ShouldBe(Decision.Nothing);
        ReleaseInstalment.Decide(paid, 1, "PAY-2", Now).Refusal!.Rule.ShouldBe("an-instalment-is-released-once");
        ReleaseInstalment.Decide(paid, 3, "PAY-3", Now).Refusal!.Rule.ShouldBe("no-such-instalment");
    }

    [Fact]
    public void an_unmet_milestone_lapses_at_its_deadline_and_is_never_paid()
    {
        var approved = Given([.. Reviewed(3), Approved]);
        var deadline = Plan[1].DueBy!.Value;

        MilestoneDeadline.Decide(approved, 2, deadline.AddSeconds(-1)).ShouldBe(Decision.Nothing);
        MilestoneDeadline.Decide(approved, 2, deadline).Events.ShouldBe([new InstalmentLapsed(approved.Id, 2, deadline)]);

        var lapsed = Given([.. Reviewed(3), Approved, new InstalmentLapsed(Guid.Empty, 2, deadline)]);
        VerifyMilestone.Decide(lapsed, 2, "late certificate", Now).Refusal!.Rule.ShouldBe("instalment-lapsed");
        var verified = Given([.. Reviewed(3), Approved, new MilestoneVerified(Guid.Empty, 2, "certificate", Now)]);
        MilestoneDeadline.Decide(verified, 2, deadline).ShouldBe(Decision.Nothing);
    }

    [Fact]
    public void a_rejection_keeps_its_reasons_and_is_published()
    {
        var application = Given(Reviewed(3));
        var rejected = RejectApplication.Decide(application, ["weak market analysis"], Now);

        rejected.Events.ShouldHaveSingleItem().ShouldBeOfType<ApplicationRejected>().Reasons.ShouldBe(["weak market analysis"]);
        rejected.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.SubsidyRejected>();
        ApproveApplication.Decide(Given([.. Reviewed(3), new ApplicationRejected(Guid.Empty, ["x"], Now)]), new ApproveApplication(500_000m, null),
            AssessingEligibility.Policy2022, Now).Refusal!.Rule.ShouldBe("decisions-need-an-eligible-application");
    }
}
