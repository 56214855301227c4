using Internships.BranchStations;
using Internships.Internships;
using Internships.Internships.Amending;
using Internships.Internships.Completing;
using Internships.Internships.Deadlines;
using Internships.Internships.DecidingConsent;
using Internships.Internships.DraftingAgreement;
using Internships.Internships.EndorsingPermit;
using Internships.Internships.Evaluating;
using Internships.Internships.RecordingIntention;
using Internships.Internships.SigningAgreement;
using Internships.Internships.Starting;
using Internships.Internships.Terminating;
using Internships.Internships.WithdrawingIntention;
using Internships.Placements;
using StudentBase.Http;
using StudentBase.Partners;
using BranchStationStanding = StudentBase.Contracts.BranchStationStanding;
using PartnerRole = StudentBase.Contracts.PartnerRole;
using Published = StudentBase.Contracts;
using PermitCase = global::Internships.Permits.PermitCase;
using PermitCaseState = global::Internships.Permits.PermitCaseState;
using PermitType = global::Internships.Permits.PermitType;

namespace Internships.Tests.Internships;

/// <summary>Given an internship's history, when a party acts, then the events it decides or the rule that refuses it.</summary>
public class DecidingInternships
{
    private static readonly DateTimeOffset Now = new(2024, 6, 20, 16, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid UniversityId = Guid.CreateVersion7();
    private static readonly InternshipRules Rules = new() { MaximumHoursPerWeek = 30 };
    private static readonly AgreementTerms Terms = new(
        new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), 24, "Zhang Wei", 3000m, ["scripts"], "Software Park Phase I, Xiamen");
    private static readonly PermitEndorsement Endorsement = new("Software Park Phase I, Xiamen", new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), "EE-1");
    private static readonly DateOnly PermitExpiry = new(2025, 8, 31);

    private static Internship Given(params object[] history)
    {
        var internship = Internship.Create(new InternshipIntended(
            Guid.CreateVersion7(), Guid.CreateVersion7(), UniversityId, "GB", Guid.CreateVersion7(), Guid.CreateVersion7(), Now.AddDays(10), Now.AddDays(-4)));
        foreach (var happened in history)
        {
            ((dynamic)internship).Apply((dynamic)happened);
        }

        return internship;
    }

    private static readonly object Consented = new UniversityConsented(Guid.Empty, Now.AddDays(-3));
    private static readonly object Drafted = new AgreementDrafted(Guid.Empty, Terms, Now.AddDays(-2));
    private static object SignedBy(AgreementParty party) => new AgreementSignatureGiven(Guid.Empty, party, Now.AddDays(-1));
    private static readonly object Signed = new AgreementSigned(Guid.Empty, Terms, Now.AddDays(-1));
    private static readonly object Endorsed = new PermitEndorsed(Guid.Empty, Endorsement, Now.AddHours(-5));
    private static readonly object Started = new InternshipStarted(Guid.Empty, Terms.StartDate, Now);
    private static object[] Agreed => [Consented, Drafted, SignedBy(AgreementParty.Student), SignedBy(AgreementParty.University), SignedBy(AgreementParty.Company), Signed];
    private static object[] Running => [.. Agreed, Endorsed, Started];

    private static readonly Partner OwnUniversity = new("xmu", PartnerRole.University, UniversityId);
    private static readonly Partner OtherUniversity = new("jmu", PartnerRole.University, Guid.CreateVersion7());

    private static Placement OpenPlacement(int slots = 2, params Guid[] taken)
    {
        var placement = Placement.Create(new PlacementPosted(Guid.CreateVersion7(), Guid.CreateVersion7(),
            new PlacementOffer("Script writing", "Short videos", slots, Terms.StartDate, Terms.EndDate, Terms.Workplace), Now.AddDays(-30)));
        placement.Apply(new PlacementApproved(placement.Id, Now.AddDays(-29)));
        foreach (var internshipId in taken)
        {
            placement.Apply(new PlacementSlotTaken(placement.Id, internshipId, Now.AddDays(-5)));
        }

        return placement;
    }

    private static SignAgreement.Facts Facts(
        BranchStationStanding standing = BranchStationStanding.Active, DateOnly? permitExpiry = null, bool anotherActive = false, Placement? placement = null) =>
        new(standing, permitExpiry ?? PermitExpiry, anotherActive, placement ?? OpenPlacement());

    [Fact]
    public void an_intention_needs_an_open_placement_of_an_active_branch_station()
    {
        var student = new global::Internships.Students.Student { Id = Guid.CreateVersion7(), UniversityId = UniversityId };
        var station = new BranchStation { Standing = BranchStationStanding.Active };
        var suspended = new BranchStation { Standing = BranchStationStanding.Suspended };

        RecordIntention.Decide(new(student, OpenPlacement(), station, false)).ShouldBeNull();
        RecordIntention.Decide(new(null, OpenPlacement(), station, false))!.Rule.ShouldBe("intention-needs-a-registered-student");
        RecordIntention.Decide(new(student, null, station, false))!.Rule.ShouldBe("placement-must-be-open");
        RecordIntention.Decide(new(student, OpenPlacement(), suspended, false))!.Rule.ShouldBe("only-an-active-branch-station-takes-interns");
        RecordIntention.Decide(new(student, OpenPlacement(), station, true))!.Rule.ShouldBe("one-intention-per-student-and-placement");
    }

    [Fact]
    public void only_the_students_own_university_consents()
    {
        var internship = Given();

        GiveConsent.Decide(internship, OwnUniversity, Now).Events.ShouldBe([new UniversityConsented(internship.Id, Now)]);
        GiveConsent.Decide(internship, OtherUniversity, Now).Refusal!.Rule.ShouldBe("only-the-students-own-university-consents");
        RefuseConsent.Decide(internship, OtherUniversity, "no", Now).Refusal!.Rule.ShouldBe("only-the-students-own-university-consents");
    }

    [Fact]
    public void consent_is_given_once_and_never_to_a_lapsed_intention()
    {
        GiveConsent.Decide(Given(Consented), OwnUniversity, Now).ShouldBe(Decision.Nothing);
        GiveConsent.Decide(Given(new IntentionLapsed(Guid.Empty, Now.AddDays(-1))), OwnUniversity, Now).Refusal!.Rule.ShouldBe("intention-lapsed");
    }

    [Fact]
    public void a_refusal_records_the_universitys_reason()
    {
        var internship = Given();
        RefuseConsent.Decide(internship, OwnUniversity, "examinations", Now).Events
            .ShouldBe([new UniversityRefusedConsent(internship.Id, "examinations", Now)]);
    }

    [Fact]
    public void an_intention_lapses_when_its_decision_falls_due_without_consent()
    {
        var internship = Given();

        IntentionDecisionDue.Decide(internship, internship.DecisionDue).Events.ShouldBe([new IntentionLapsed(internship.Id, internship.DecisionDue)]);
        IntentionDecisionDue.Decide(internship, internship.DecisionDue.AddMinutes(-1)).ShouldBe(Decision.Nothing);
        IntentionDecisionDue.Decide(Given(Consented), internship.DecisionDue.AddDays(1)).ShouldBe(Decision.Nothing);
    }

    [Fact]
    public void an_intention_is_withdrawn_before_signing_and_an_agreement_terminated_after()
    {
        var intention = Given(Consented);
        WithdrawIntention.Decide(intention, EndingParty.Student, "another offer", Now).Events
            .ShouldBe([new IntentionWithdrawn(intention.Id, EndingParty.Student, "another offer", Now)]);
        WithdrawIntention.Decide(Given(Agreed), EndingParty.Student, "x", Now).Refusal!.Rule.ShouldBe("a-signed-agreement-is-terminated-not-withdrawn");
        TerminateInternship.Decide(intention, EndingParty.Company, "x", Terms.StartDate, Now).Refusal!.Rule.ShouldBe("an-intention-is-withdrawn-not-terminated");
    }

    [Fact]
    public void terminating_records_who_ended_it_and_publishes_it()
    {
        var internship = Given(Running);

        var decision = TerminateInternship.Decide(internship, EndingParty.Company, "project cancelled", new DateOnly(2024, 8, 15), Now);

        decision.Events.ShouldBe([new InternshipTerminated(internship.Id, EndingParty.Company, "project cancelled", new DateOnly(2024, 8, 15), Now)]);
        decision.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.InternshipTerminated>().EndedBy.ShouldBe("Company");
    }

    [Fact]
    public void an_agreement_is_drafted_after_consent_within_the_hours_limit()
    {
        var internship = Given(Consented);

        DraftAgreement.Decide(internship, Terms, Rules, Now).Events.ShouldBe([new AgreementDrafted(internship.Id, Terms, Now)]);
        DraftAgreement.Decide(Given(), Terms, Rules, Now).Refusal!.Rule.ShouldBe("agreement-needs-university-consent");
        DraftAgreement.Decide(internship, Terms with { HoursPerWeek = 31 }, Rules, Now).Refusal!.Rule.ShouldBe("hours-per-week-within-limit");
        DraftAgreement.Decide(Given(Consented, Drafted), Terms with { LearningGoals = ["scripts"] }, Rules, Now).ShouldBe(Decision.Nothing);
        DraftAgreement.Decide(Given(Agreed), Terms, Rules, Now).Refusal!.Rule.ShouldBe("a-signed-agreement-changes-only-by-amendment");
    }

    [Fact]
    public void redrafting_withdraws_the_signatures_given_to_the_earlier_terms()
    {
        var internship = Given(Consented, Drafted, SignedBy(AgreementParty.Student), new AgreementDrafted(Guid.Empty, Terms with { HoursPerWeek = 20 }, Now));
        internship.SignedBy.ShouldBeEmpty();
    }

    [Fact]
    public void the_first_two_signatures_bind_nobody_yet()
    {
        var internship = Given(Consented, Drafted, SignedBy(AgreementParty.Student));

        var outcome = SignAgreement.Decide(internship, AgreementParty.University, Facts(), Rules, Now);

        outcome.Internship.Events.ShouldBe([new AgreementSignatureGiven(internship.Id, AgreementParty.University, Now)]);
        outcome.PlacementEvents.ShouldBeEmpty();
    }

    [Fact]
    public void the_third_signature_binds_the_parties_takes_a_slot_and_is_published()
    {
        var internship = Given(Consented, Drafted, SignedBy(AgreementParty.Student), SignedBy(AgreementParty.University));
        var placement = OpenPlacement();

        var outcome = SignAgreement.Decide(internship, AgreementParty.Company, Facts(placement: placement), Rules, Now);

        outcome.Internship.Events.ShouldBe([
            new AgreementSignatureGiven(internship.Id, AgreementParty.Company, Now),
            new AgreementSigned(internship.Id, Terms, Now),
        ]);
        outcome.PlacementEvents.ShouldBe([new PlacementSlotTaken(placement.Id, internship.Id, Now)]);
        outcome.Internship.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.InternshipAgreementSigned>().EndDate.ShouldBe(Terms.EndDate);
    }

    [Fact]
    public void signing_needs_consent_and_drafted_terms()
    {
        SignAgreement.Decide(Given(), AgreementParty.Student, Facts(), Rules, Now).Internship.Refusal!.Rule.ShouldBe("agreement-needs-university-consent");
        SignAgreement.Decide(Given(Consented), AgreementParty.Student, Facts(), Rules, Now).Internship.Refusal!.Rule
            .ShouldBe("agreement-must-be-drafted-before-signing");
        SignAgreement.Decide(Given(Consented, Drafted, SignedBy(AgreementParty.Student)), AgreementParty.Student, Facts(), Rules, Now).Internship
            .ShouldBe(Decision.Nothing);
    }

    [Theory]
    [InlineData(BranchStationStanding.Suspended)]
    [InlineData(BranchStationStanding.Revoked)]
    public void a_suspended_or_revoked_branch_station_signs_nothing_new(BranchStationStanding standing)
    {
        SignAgreement.Decide(Given(Consented, Drafted), AgreementParty.Company, Facts(standing), Rules, Now).Internship.Refusal!.Rule
            .ShouldBe("a-suspended-or-revoked-branch-station-signs-nothing-new");
        var twoSigned = Given(Consented, Drafted, SignedBy(AgreementParty.Company), SignedBy(AgreementParty.University));
        SignAgreement.Decide(twoSigned, AgreementParty.Student, Facts(standing), Rules, Now).Internship.Refusal!.Rule
            .ShouldBe("a-suspended-or-revoked-branch-station-signs-nothing-new");
    }

    [Fact]
    public void the_third_signature_is_refused_by_each_rule_it_breaks()
    {
        var twoSigned = Given(Consented, Drafted, SignedBy(AgreementParty.Student), SignedBy(AgreementParty.University));
        string Rule(SignAgreement.Facts facts, InternshipRules? rules = null) =>
            SignAgreement.Decide(twoSigned, AgreementParty.Company, facts, rules ?? Rules, Now).Internship.Refusal!.Rule;

        Rule(Facts(permitExpiry: Terms.EndDate.AddDays(-1))).ShouldBe("residence-permit-must-cover-the-internship");
        Rule(Facts(anotherActive: true)).ShouldBe("one-active-internship-per-student");
        Rule(Facts(placement: OpenPlacement(1, Guid.CreateVersion7()))).ShouldBe("placement-has-no-slot-left");
        Rule(Facts(), new InternshipRules { MaximumHoursPerWeek = 20 }).ShouldBe("hours-per-week-within-limit");
    }

    [Fact]
    public void the_endorsement_must_cover_the_agreements_period_and_name_its_workplace()
    {
        var internship = Given(Agreed);

        EndorsePermit.Decide(internship, Endorsement, Now).Events.ShouldBe([new PermitEndorsed(internship.Id, Endorsement, Now)]);
        EndorsePermit.Decide(internship, Endorsement with { ValidUntil = Terms.EndDate.AddDays(-1) }, Now).Refusal!.Rule
            .ShouldBe("endorsement-must-cover-the-agreement-period");
        EndorsePermit.Decide(internship, Endorsement with { ValidFrom = Terms.StartDate.AddDays(1) }, Now).Refusal!.Rule
            .ShouldBe("endorsement-must-cover-the-agreement-period");
        EndorsePermit.Decide(internship, Endorsement with { Place = "Huli District" }, Now).Refusal!.Rule.ShouldBe("endorsement-must-name-the-workplace");
        EndorsePermit.Decide(Given(Consented, Drafted), Endorsement, Now).Refusal!.Rule.ShouldBe("endorsement-needs-a-signed-agreement");
    }

    [Fact]
    public void an_endorsement_may_cite_the_student_s_approved_residence_permit_case_and_no_other()
    {
        var internship = Given(Agreed);
        var approved = new PermitCase
        {
            Id = Guid.CreateVersion7(), PersonId = internship.StudentId, Type = PermitType.ResidenceForInternship,
            State = PermitCaseState.Approved,
        };
        var citing = Endorsement with { PermitCaseId = approved.Id };

        EndorsePermit.Decide(internship, citing, Now, approved).Events.ShouldBe([new PermitEndorsed(internship.Id, citing, Now)]);
        const string rule = "an-endorsement-cites-the-student-s-approved-permit-case";
        EndorsePermit.Decide(internship, citing, Now, cited: null).Refusal!.Rule.ShouldBe(rule);
        EndorsePermit.Decide(internship, citing, Now, new PermitCase
        {
            Id = approved.Id, PersonId = Guid.CreateVersion7(), Type = approved.Type, State = approved.State,
        }).Refusal!.Rule.ShouldBe(rule);
        EndorsePermit.Decide(internship, citing, Now, new PermitCase
        {
            Id = approved.Id, PersonId = internship.StudentId, Type = approved.Type, State = PermitCaseState.Forwarded,
        }).Refusal!.Rule.ShouldBe(rule);
        approved.ValidFrom = Terms.StartDate;
        approved.ValidUntil = Terms.EndDate.AddDays(-1);
        EndorsePermit.Decide(internship, citing, Now, approved).Refusal!.Rule.ShouldBe("the-cited-permit-must-cover-the-agreement-period");
    }

    [Fact]
    public void no_start_before_the_permit_endorsement()
    {
        StartInternship.Decide(Given(Agreed), Terms.StartDate, PermitExpiry, Rules, Now).Refusal!.Rule.ShouldBe("no-start-before-permit-endorsement");
    }

    [Fact]
    public void an_endorsed_internship_starts_on_or_after_the_agreed_start_while_the_permit_is_valid()
    {
        var internship = Given([.. Agreed, Endorsed]);

        var decision = StartInternship.Decide(internship, Terms.StartDate, PermitExpiry, Rules, Now);

        decision.Events.ShouldBe([new InternshipStarted(internship.Id, Terms.StartDate, Now)]);
        decision.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.InternshipStarted>();
        StartInternship.Decide(internship, Terms.StartDate.AddDays(-1), PermitExpiry, Rules, Now).Refusal!.Rule
            .ShouldBe("no-start-before-the-agreed-start-date");
        StartInternship.Decide(internship, Terms.StartDate, Terms.EndDate.AddDays(-1), Rules, Now).Refusal!.Rule
            .ShouldBe("residence-permit-must-cover-the-internship");
    }

    [Fact]
    public void evaluations_come_once_per_stage_while_the_internship_runs()
    {
        var internship = Given(Running);
        var final = new EvaluateIntern(EvaluationStage.Final, 5, "excellent");

        EvaluateIntern.Decide(internship, final, Now).Events.ShouldBe([new InternEvaluated(internship.Id, EvaluationStage.Final, 5, "excellent", Now)]);
        var evaluated = Given([.. Running, new InternEvaluated(Guid.Empty, EvaluationStage.Final, 5, "excellent", Now)]);
        EvaluateIntern.Decide(evaluated, final, Now).ShouldBe(Decision.Nothing);
        EvaluateIntern.Decide(evaluated, final with { Rating = 4 }, Now).Refusal!.Rule.ShouldBe("one-evaluation-per-stage");
        EvaluateIntern.Decide(Given(Agreed), final, Now).Refusal!.Rule.ShouldBe("evaluations-need-a-started-internship");
        EvaluateHost.Decide(Given(Agreed), new EvaluateHost(5, "great"), Now).Refusal!.Rule.ShouldBe("host-evaluation-needs-a-started-internship");
        EvaluateHost.Decide(internship, new EvaluateHost(5, "great"), Now).Events.ShouldBe([new HostEvaluated(internship.Id, 5, "great", Now)]);
    }

    [Fact]
    public void completion_needs_the_final_evaluation_and_issues_the_certificate()
    {
        CompleteInternship.Decide(Given(Running), Terms.EndDate, "C-1", Now).Refusal!.Rule.ShouldBe("completion-needs-the-final-evaluation");

        var evaluated = Given([.. Running, new InternEvaluated(Guid.Empty, EvaluationStage.Final, 5, "excellent", Now)]);
        var decision = CompleteInternship.Decide(evaluated, Terms.EndDate, "C-1", Now);

        decision.Events.ShouldBe([new InternshipCompleted(evaluated.Id, Terms.StartDate, Terms.EndDate, "C-1", Now)]);
        decision.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.InternshipCompleted>().CertificateNumber.ShouldBe("C-1");
        CompleteInternship.Decide(evaluated, Terms.StartDate.AddDays(-1), "C-1", Now).Refusal!.Rule.ShouldBe("completion-ends-after-the-start");
    }

    [Fact]
    public void a_final_evaluation_missing_after_the_grace_period_raises_a_reminder_once()
    {
        var internship = Given(Running);
        var due = FinalEvaluationDue.DueAt(Terms, Rules);

        FinalEvaluationDue.Decide(internship, Rules, due).Events.ShouldBe([new FinalEvaluationOverdue(internship.Id, due, due)]);
        FinalEvaluationDue.Decide(internship, Rules, due.AddSeconds(-1)).ShouldBe(Decision.Nothing);
        FinalEvaluationDue.Decide(Given([.. Running, new FinalEvaluationOverdue(Guid.Empty, due, due)]), Rules, due.AddDays(1)).ShouldBe(Decision.Nothing);
        FinalEvaluationDue.Decide(Given([.. Running, new InternEvaluated(Guid.Empty, EvaluationStage.Final, 5, "x", Now)]), Rules, due)
            .ShouldBe(Decision.Nothing);
    }

    [Fact]
    public void an_amendment_takes_effect_only_with_the_third_signature()
    {
        var amendmentId = Guid.CreateVersion7();
        var changes = new AgreementChanges(null, new DateOnly(2024, 10, 31), null, "Li Na");
        var internship = Given(Running);

        var proposed = ProposeAmendment.Decide(internship, new ProposeAmendment(AgreementParty.Company, changes, "extended"), amendmentId,
            BranchStationStanding.Active, Rules, Now);
        proposed.Events.ShouldBe([new AmendmentProposed(internship.Id, amendmentId, changes, "extended", AgreementParty.Company, Now)]);

        var oneSigned = Given([.. Running, .. proposed.Events]);
        SignAmendment.Decide(oneSigned, amendmentId, AgreementParty.Student, BranchStationStanding.Active, PermitExpiry, Now).Events
            .ShouldBe([new AmendmentSignatureGiven(oneSigned.Id, amendmentId, AgreementParty.Student, Now)]);

        var twoSigned = Given([.. Running, .. proposed.Events, new AmendmentSignatureGiven(Guid.Empty, amendmentId, AgreementParty.Student, Now)]);
        twoSigned.Terms.ShouldBe(Terms);
        SignAmendment.Decide(twoSigned, amendmentId, AgreementParty.University, BranchStationStanding.Active, PermitExpiry, Now).Events.ShouldBe([
            new AmendmentSignatureGiven(twoSigned.Id, amendmentId, AgreementParty.University, Now),
            new AmendmentTookEffect(twoSigned.Id, amendmentId, changes.AppliedTo(Terms), Now),
        ]);
    }

    [Fact]
    public void amendments_are_refused_by_the_rules_of_the_agreement()
    {
        var changes = new AgreementChanges(null, null, 40, null);
        var running = Given(Running);
        string? Rule(Internship internship, AgreementChanges proposed, BranchStationStanding standing = BranchStationStanding.Active) =>
            ProposeAmendment.Decide(internship, new ProposeAmendment(AgreementParty.Company, proposed, "why"), Guid.CreateVersion7(), standing, Rules, Now)
                .Refusal?.Rule;

        Rule(Given(Consented, Drafted), changes).ShouldBe("amendments-need-a-signed-agreement");
        Rule(running, changes).ShouldBe("hours-per-week-within-limit");
        Rule(running, new AgreementChanges(null, null, 20, null), BranchStationStanding.Suspended).ShouldBe("a-suspended-or-revoked-branch-station-signs-nothing-new");
        Rule(running, new AgreementChanges(null, null, Terms.HoursPerWeek, null)).ShouldBe("an-amendment-changes-the-terms");
        Rule(running, new AgreementChanges(null, Terms.StartDate.AddDays(-1), null, null)).ShouldBe("an-amendment-keeps-the-period-in-order");
        var pending = Given([.. Running, new AmendmentProposed(Guid.Empty, Guid.CreateVersion7(), new AgreementChanges(null, null, 20, null), "x",
            AgreementParty.Student, Now)]);
        Rule(pending, new AgreementChanges(null, null, 22, null)).ShouldBe("one-amendment-at-a-time");
    }

    [Fact]
    public void an_amendment_beyond_the_permit_is_refused_and_one_beyond_the_endorsement_needs_a_new_endorsement()
    {
        var amendmentId = Guid.CreateVersion7();
        var later = new AgreementChanges(null, new DateOnly(2024, 12, 31), null, null);
        var twoSigned = Given([.. Agreed, Endorsed,
            new AmendmentProposed(Guid.Empty, amendmentId, later, "x", AgreementParty.Company, Now),
            new AmendmentSignatureGiven(Guid.Empty, amendmentId, AgreementParty.Student, Now)]);

        SignAmendment.Decide(twoSigned, amendmentId, AgreementParty.University, BranchStationStanding.Active, new DateOnly(2024, 11, 30), Now).Refusal!.Rule
            .ShouldBe("residence-permit-must-cover-the-internship");

        twoSigned.Apply(new AmendmentTookEffect(twoSigned.Id, amendmentId, later.AppliedTo(Terms), Now));
        twoSigned.State.ShouldBe(InternshipState.Agreed);
        StartInternship.Decide(twoSigned, Terms.StartDate, PermitExpiry, Rules, Now).Refusal!.Rule.ShouldBe("no-start-before-permit-endorsement");
    }
}
