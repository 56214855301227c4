using StudentBase.Http;
using Subsidies.Applications;
using Subsidies.Applications.Instalments;
using Subsidies.Applications.Remedies;
using Published = StudentBase.Contracts;

namespace Subsidies.Tests.Applications;

/// <summary>Given a running grant, when the base withholds, suspends, terminates, claws back or closes, then its events or the rule.</summary>
public class ApplyingRemedies
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));

    private static SubsidyApplication Granted(params object[] history)
    {
        var application = SubsidyApplication.Create(new ApplicationDrafted(Guid.CreateVersion7(), Guid.CreateVersion7(), CompanyFacts.Example, "sealed", Now.AddDays(-60)));
        object[] granted =
        [
            new EligibilityAssessed(Guid.Empty, "2022-05", true, [], new SupportingFacts(0, 0, []), Now.AddDays(-50)),
            new ApplicationApproved(Guid.Empty, 500_000m, "2022-05",
                [new PlannedInstalment(1, "On approval", 200_000m, "Approved", null), new PlannedInstalment(2, "Recognition", 300_000m, "Recognised", Now.AddYears(3))],
                Now.AddDays(-40)),
            new MilestoneVerified(Guid.Empty, 1, "decision", Now.AddDays(-39)),
        ];
        foreach (var happened in granted.Concat(history))
        {
            ((dynamic)application).Apply((dynamic)happened);
        }

        return application;
    }

    private static readonly object FirstPaid = new InstalmentReleased(Guid.Empty, 1, 200_000m, "PAY-1", Now.AddDays(-38));

    [Fact]
    public void withheld_payments_stop_releases_until_they_resume()
    {
        var withheld = Granted(new PaymentsWithheld(Guid.Empty, "inquiry", Now));

        ReleaseInstalment.Decide(withheld, 1, "PAY-1", Now).Refusal!.Rule.ShouldBe("payments-withheld");
        WithholdPayments.Decide(withheld, "again", Now).ShouldBe(Decision.Nothing);
        ResumePayments.Decide(withheld, Now).Events.ShouldBe([new PaymentsResumed(withheld.Id, Now)]);
    }

    [Fact]
    public void a_suspended_grant_verifies_and_pays_nothing()
    {
        var suspended = Granted(new SubsidySuspended(Guid.Empty, "inquiry", Now));

        VerifyMilestone.Decide(suspended, 2, "certificate", Now).Refusal!.Rule.ShouldBe("subsidy-suspended");
        ReleaseInstalment.Decide(suspended, 1, "PAY-1", Now).Refusal!.Rule.ShouldBe("payments-withheld");
        ReinstateSubsidy.Decide(suspended, Now).Events.ShouldBe([new SubsidyReinstated(suspended.Id, Now)]);
    }

    [Fact]
    public void a_terminated_grant_pays_nothing_more_its_deadlines_do_nothing_and_it_is_published_with_what_was_paid()
    {
        var grant = Granted(FirstPaid);

        var terminated = TerminateSubsidy.Decide(grant, "left the park", Now);

        terminated.Events.ShouldBe([new SubsidyTerminated(grant.Id, "left the park", Now)]);
        terminated.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.SubsidyTerminated>().Paid.ShouldBe(200_000m);
        var ended = Granted(FirstPaid, new SubsidyTerminated(Guid.Empty, "left the park", Now));
        ReleaseInstalment.Decide(ended, 2, "PAY-2", Now).Refusal.ShouldNotBeNull();
        MilestoneDeadline.Decide(ended, 2, Now.AddYears(4)).ShouldBe(Decision.Nothing);
        CloseSubsidy.Decide(ended, Now).Events.ShouldBe([new SubsidyClosed(ended.Id, Now)]);
    }

    [Fact]
    public void a_claw_back_reclaims_at_most_what_was_paid()
    {
        var grant = Granted(FirstPaid, new AmountClawedBack(Guid.Empty, 50_000m, "partly", Now));

        ClawBack.Decide(grant, 150_000m, "the rest", Now).Events.ShouldBe([new AmountClawedBack(grant.Id, 150_000m, "the rest", Now)]);
        ClawBack.Decide(grant, 150_000.01m, "too much", Now).Refusal!.Rule.ShouldBe("claw-back-at-most-what-was-paid");
    }

    [Fact]
    public void a_grant_closes_only_when_every_instalment_is_settled()
    {
        CloseSubsidy.Decide(Granted(FirstPaid), Now).Refusal!.Rule.ShouldBe("close-after-every-instalment-is-settled");
        var settled = Granted(FirstPaid, new InstalmentLapsed(Guid.Empty, 2, Now));
        CloseSubsidy.Decide(settled, Now).Events.ShouldBe([new SubsidyClosed(settled.Id, Now)]);
    }
}
