using StudentBase.Contracts;
using StudentBase.Http;
using Subsidies.Applications;
using Subsidies.Applications.Editing;
using Subsidies.Applications.Returning;
using Subsidies.Applications.Submitting;
using Subsidies.Policies;
using Subsidies.Students;

namespace Subsidies.Tests.Applications;

/// <summary>Given a policy version, an application and what the other services reported, then every criterion with its reason.</summary>
public class AssessingEligibility
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));

    public static readonly SubsidyPolicyTerms Policy2022 = new(
        "2022-05", "2022 support measures", new DateOnly(2022, 5, 1),
        new EligibilityCriteria(DegreeLevel.Bachelor, 55, 30m, 6, 60, 200_000m, 5, 4, 3, 0.5m),
        200_000m, 500_000m,
        [new InstalmentTerms("On approval", 200_000m, "Approved", null), new InstalmentTerms("Recognition", 300_000m, "Recognised", 36)],
        new ReviewRules(3, [new RubricCriterion("Innovation", 100)]));

    private static readonly CompanyFacts Company = new(
        "Storyline Media", "91350200MA8UEX3L0B", new DateOnly(2025, 3, 1), FounderRole.LegalRepresentative, 60m, [7, 6, 6, 5], 4, 6, 260_000m,
        "Digital content", "Stories", 500_000m);

    private static StudentRecord Daniel(DegreeLevel degree = DegreeLevel.Bachelor) => new()
    {
        Id = Guid.CreateVersion7(), Nationality = "GB", DegreeLevel = degree,
        Internships = [new InternshipOfStudent { Progress = InternshipProgress.Completed }],
        Activities = [new ActivityOfStudent { Title = "Mentor training", Outcomes = [ParticipationOutcome.Attended, ParticipationOutcome.Completed] }],
    };

    private static EligibilityFacts Facts(StudentRecord? founder = null, DateOnly? birthDate = null, bool personFunded = false, bool companyFunded = false) =>
        new(birthDate ?? new DateOnly(2001, 4, 12), founder ?? Daniel(), personFunded, companyFunded, Today);

    [Fact]
    public void an_application_meeting_every_criterion_passes_each_with_its_reason()
    {
        var results = Eligibility.Assess(Policy2022, Company, Facts());

        results.ShouldAllBe(result => result.Passed);
        results.Select(result => result.Criterion).ShouldBe([
            "international-student", "degree", "founder-age", "founder-shareholding", "company-age", "rd-spend", "staff", "rd-staff", "team-degrees",
            "once-per-person", "once-per-company", "requested-amount",
        ]);
        results.Single(result => result.Criterion == "founder-age").Reason.ShouldBe("Founder aged 55 or under on the submission date: yes.");
    }

    [Fact]
    public void a_policy_version_may_require_a_valid_residence_permit_which_the_2022_measures_do_not()
    {
        var policy2026 = Policy2022 with { Version = "2026-12", Eligibility = Policy2022.Eligibility with { RequiresValidResidencePermit = true } };
        var permitted = Daniel();
        permitted.ResidencePermitValidUntil = Today.AddMonths(6);
        var lapsed = Daniel();
        lapsed.ResidencePermitValidUntil = Today.AddDays(-1);

        Eligibility.Assess(Policy2022, Company, Facts()).ShouldNotContain(result => result.Criterion == "residence-permit");
        var passed = Eligibility.Assess(policy2026, Company, Facts(permitted)).Single(result => result.Criterion == "residence-permit");
        passed.Passed.ShouldBeTrue();
        passed.Reason.ShouldBe($"A residence permit valid until {Today.AddMonths(6):yyyy-MM-dd}.");
        var failed = Eligibility.Assess(policy2026, Company, Facts(lapsed)).Single(result => result.Criterion == "residence-permit");
        failed.Passed.ShouldBeFalse();
        failed.Reason.ShouldBe($"A valid residence permit is required; the one on record ended on {Today.AddDays(-1):yyyy-MM-dd}.");
        Eligibility.Assess(policy2026, Company, Facts(Daniel())).Single(result => result.Criterion == "residence-permit").Passed.ShouldBeFalse();
    }

    [Fact]
    public void every_failing_criterion_is_named_with_its_reason()
    {
        var weak = Company with
        {
            RegisteredOn = new DateOnly(2026, 8, 1), FounderShareholdingPercent = 20m, StaffByMonth = [5, 4, 5, 5], RdStaff = 2, TeamWithBachelor = 2,
            RdSpend = 150_000m, RequestedAmount = 600_000m,
        };

        var failed = Eligibility.Assess(Policy2022, weak, Facts(Daniel(DegreeLevel.NonDegree), new DateOnly(1960, 1, 1), true, true))
            .Where(result => !result.Passed).ToList();

        failed.Select(result => result.Criterion).ShouldBe([
            "degree", "founder-age", "founder-shareholding", "company-age", "rd-spend", "staff", "rd-staff", "team-degrees", "once-per-person",
            "once-per-company", "requested-amount",
        ]);
        failed.Single(result => result.Criterion == "rd-spend").Reason.ShouldBe("CNY 150,000 spent on R&D; at least CNY 200,000 is required.");
        failed.Single(result => result.Criterion == "company-age").Reason.ShouldBe("The company is 3 months old; it must be 6 to 60.");
        failed.Single(result => result.Criterion == "founder-age").Reason.ShouldBe("Founder aged 55 or under on the submission date: no.");
    }

    [Fact]
    public void a_founder_the_internships_service_never_registered_fails_the_first_two_criteria()
    {
        var results = Eligibility.Assess(Policy2022, Company, new EligibilityFacts(new DateOnly(2001, 4, 12), null, false, false, Today));

        results.Where(result => !result.Passed).Select(result => result.Criterion).ShouldBe(["international-student", "degree"]);
    }

    [Fact]
    public void the_same_facts_are_judged_by_the_numbers_of_each_policy_version()
    {
        var stricter = Policy2022 with { Version = "2026-12", Eligibility = Policy2022.Eligibility with { MinimumRdSpend = 300_000m } };

        Eligibility.Assess(Policy2022, Company, Facts()).ShouldAllBe(result => result.Passed);
        Eligibility.Assess(stricter, Company, Facts()).Where(result => !result.Passed).ShouldHaveSingleItem().Criterion.ShouldBe("rd-spend");
    }

    [Fact]
    public void submitting_records_the_assessment_with_the_policy_version_and_the_supporting_facts()
    {
        var application = SubsidyApplication.Create(new ApplicationDrafted(Guid.CreateVersion7(), Guid.CreateVersion7(), Company, "sealed", Now.AddDays(-1)));

        var decision = SubmitApplication.Decide(application, Policy2022, Facts(), Now);

        decision.Events[0].ShouldBe(new ApplicationSubmitted(application.Id, Now));
        var assessed = decision.Events[1].ShouldBeOfType<EligibilityAssessed>();
        assessed.PolicyVersion.ShouldBe("2022-05");
        assessed.Eligible.ShouldBeTrue();
        assessed.SupportingFacts.CompletedInternships.ShouldBe(1);
        assessed.SupportingFacts.CompletedTrainings.ShouldBe(1);
        SubmitApplication.Decide(application, null, Facts(), Now).Refusal!.Rule.ShouldBe("a-policy-must-be-in-force");
    }

    [Fact]
    public void a_submitted_application_changes_only_after_the_base_returns_it()
    {
        var application = SubsidyApplication.Create(new ApplicationDrafted(Guid.CreateVersion7(), Guid.CreateVersion7(), Company, "sealed", Now.AddDays(-1)));
        foreach (var happened in SubmitApplication.Decide(application, Policy2022, Facts(), Now).Events)
        {
            ((dynamic)application).Apply((dynamic)happened);
        }

        EditApplication.Decide(application, Company with { RdStaff = 5 }, new DateOnly(2001, 4, 12), new DateOnly(2001, 4, 12), "sealed", Now).Refusal!.Rule
            .ShouldBe("a-submitted-application-changes-only-when-returned");
        SubmitApplication.Decide(application, Policy2022, Facts(), Now).ShouldBe(Decision.Nothing);

        var returned = ReturnApplication.Decide(application, ["Give the audited R&D spend."], Now);
        returned.Events.ShouldHaveSingleItem().ShouldBeOfType<ApplicationReturned>().Reasons.ShouldBe(["Give the audited R&D spend."]);
        application.Apply((ApplicationReturned)returned.Events[0]);
        EditApplication.Decide(application, Company with { RdStaff = 5 }, new DateOnly(2001, 4, 12), new DateOnly(2001, 4, 12), "sealed", Now).Events
            .ShouldHaveSingleItem().ShouldBeOfType<ApplicationEdited>();
        SubmitApplication.Decide(application, Policy2022, Facts(), Now).Events.Count.ShouldBe(2);
    }
}
