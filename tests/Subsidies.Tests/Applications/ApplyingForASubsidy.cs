using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Testing;
using Subsidies.Applications;
using Subsidies.Applications.Getting;
using Subsidies.Policies;
using Wolverine.Http;

namespace Subsidies.Tests.Applications;

public static class Applying
{
    public static object Company(decimal rdSpend = 260_000m, int rdStaff = 4, string code = "91350200MA8UEX3L0B") => new
    {
        companyName = "Xiamen Storyline Media Technology Co., Ltd.", unifiedSocialCreditCode = code,
        registeredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-20).ToString("yyyy-MM-dd"), founderRole = "LegalRepresentative",
        founderShareholdingPercent = 60m, staffByMonth = new[] { 7, 6, 6, 5 }, rdStaff, teamWithBachelor = 6, rdSpend,
        field = "Digital content", businessPlanSummary = "Interactive Chinese-learning stories for young audiences abroad.", requestedAmount = 500_000m,
    };

    public static async Task<Guid> FounderAsync(this SubsidiesFixture fixture, Guid? id = null, DegreeLevel degree = DegreeLevel.Bachelor)
    {
        var registered = SampleStudents.Daniel(id) with { DegreeLevel = degree };
        await fixture.Host.RecordStudentAsync(registered);
        return registered.StudentId;
    }

    public static async Task<Guid> DraftAsync(
        this SubsidiesFixture fixture, Guid applicantId, object company, DateOnly? founderBirthDate = null, string key = PartnerKeys.BaseAdministrator)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(key).Post.Json(new { applicantId, founderBirthDate = founderBirthDate ?? new DateOnly(2001, 4, 12), company }).ToUrl("/api/subsidy-applications");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return result.ReadAsJson<NewResource<Guid>>().Id;
    }

    public static Task<IScenarioResult> SendAsync(this SubsidiesFixture fixture, string url, object? body = null, string key = PartnerKeys.BaseAdministrator) =>
        fixture.Host.Scenario(x =>
        {
            x.As(key).Post.Json(body ?? new { }).ToUrl(url);
            x.IgnoreStatusCode();
        });

    public static async Task<ApplicationDetails> ApplicationAsync(this SubsidiesFixture fixture, Guid id, string key = PartnerKeys.BaseAdministrator) =>
        (await fixture.Host.Scenario(x => x.As(key).Get.Url($"/api/subsidy-applications/{id}"))).ReadAsJson<ApplicationDetails>();
}

public class ApplyingForASubsidy(SubsidiesFixture fixture)
{
    [Fact]
    public async Task the_2022_policy_from_configuration_is_in_force_from_the_first_start()
    {
        var policy = (await fixture.Host.Scenario(x => x.As(PartnerKeys.Applicant).Get.Url("/api/subsidy-policies/2022-05"))).ReadAsJson<SubsidyPolicyTerms>();

        policy.Instalments.Sum(instalment => instalment.Amount).ShouldBe(500_000m);
        policy.MinimumAmount.ShouldBe(200_000m);
        policy.Eligibility.MaximumFounderAge.ShouldBe(55);
    }

    [Fact]
    public async Task an_ineligible_application_names_every_failing_criterion_and_the_policy_version()
    {
        var founder = await fixture.FounderAsync(degree: DegreeLevel.NonDegree);
        var id = await fixture.DraftAsync(founder, Applying.Company(rdSpend: 150_000m, rdStaff: 2, code: "91350200MA8UEX3L1C"));

        (await fixture.SendAsync($"/api/subsidy-applications/{id}/submission")).Context.Response.StatusCode.ShouldBe(204);

        var application = await fixture.ApplicationAsync(id);
        application.State.ShouldBe(ApplicationState.Ineligible);
        application.Assessment!.PolicyVersion.ShouldBe("2022-05");
        application.Assessment.Criteria.Where(criterion => !criterion.Passed).Select(criterion => criterion.Criterion)
            .ShouldBe(["degree", "rd-spend", "rd-staff"]);
        application.Assessment.Criteria.Single(criterion => criterion.Criterion == "rd-staff").Reason.ShouldBe("2 staff in R&D; at least 3 are required.");
    }

    [Fact]
    public async Task an_eligible_application_records_the_internship_and_training_the_other_services_reported()
    {
        var founder = await fixture.FounderAsync();
        var at = DateTimeOffset.UtcNow;
        await fixture.Host.InvokeAndWaitAsync(new InternshipCompleted(Guid.CreateVersion7(), founder, SampleStudents.XiamenUniversity, Guid.CreateVersion7(),
            new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), "XSP-INT-2024-0042", at));
        await fixture.Host.InvokeAndWaitAsync(new TrainingCompleted(Guid.CreateVersion7(), founder, "Mentor training", "MentorTraining", 2,
            new DateOnly(2024, 12, 6), at));
        var id = await fixture.DraftAsync(founder, Applying.Company(code: "91350200MA8UEX3L2D"));

        (await fixture.SendAsync($"/api/subsidy-applications/{id}/submission")).Context.Response.StatusCode.ShouldBe(204);

        var application = await fixture.ApplicationAsync(id);
        application.State.ShouldBe(ApplicationState.Eligible);
        application.Assessment!.SupportingFacts.ShouldBe(new SupportingFacts(1, 1, []), new SupportingFactsComparer());
        application.Timeline.Select(entry => entry.Event).ShouldBe(["ApplicationDrafted", "ApplicationSubmitted", "EligibilityAssessed"]);
    }

    [Fact]
    public async Task the_applicant_sees_and_changes_only_their_own_application_and_reviewers_never_see_the_birth_date()
    {
        var daniel = await fixture.FounderAsync(PartnerKeys.ApplicantDaniel);
        var own = await fixture.DraftAsync(daniel, Applying.Company(code: "91350200MA8UEX3L3E"), key: PartnerKeys.Applicant);
        var someoneElse = await fixture.DraftAsync(await fixture.FounderAsync(), Applying.Company(code: "91350200MA8UEX3L4F"));

        (await fixture.ApplicationAsync(own, PartnerKeys.Applicant)).FounderBirthDate.ShouldBe(new DateOnly(2001, 4, 12));
        (await fixture.ApplicationAsync(own, PartnerKeys.SubsidyReviewer)).FounderBirthDate.ShouldBeNull();
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Applicant).Get.Url($"/api/subsidy-applications/{someoneElse}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        var forOther = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Applicant).Post.Json(new { applicantId = Guid.CreateVersion7(), founderBirthDate = "2001-04-12", company = Applying.Company() })
                .ToUrl("/api/subsidy-applications");
            x.IgnoreStatusCode();
        });
        forOther.Context.Response.StatusCode.ShouldBe(StatusCodes.Status403Forbidden);
        fixture.Logs.Lines.ShouldAllBe(line => !line.Contains("2001-04-12"));
    }

    [Fact]
    public async Task a_returned_application_is_changed_and_resubmitted_and_only_one_is_open_per_person()
    {
        var founder = await fixture.FounderAsync();
        var id = await fixture.DraftAsync(founder, Applying.Company(code: "91350200MA8UEX3L5G"));
        await fixture.SendAsync($"/api/subsidy-applications/{id}/submission");
        (await fixture.ApplicationAsync(id)).State.ShouldBe(ApplicationState.Eligible);

        var second = await fixture.SendAsync("/api/subsidy-applications", new { applicantId = founder, founderBirthDate = "2001-04-12", company = Applying.Company() });
        second.Context.Response.StatusCode.ShouldBe(422);
        (await second.ReadAsJsonAsync<JsonObject>())!["rule"]!.GetValue<string>().ShouldBe("one-application-at-a-time");

        var editTooEarly = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Put.Json(new { founderBirthDate = "2001-04-12", company = Applying.Company() }).ToUrl($"/api/subsidy-applications/{id}");
            x.IgnoreStatusCode();
        });
        editTooEarly.Context.Response.StatusCode.ShouldBe(422);

        (await fixture.SendAsync($"/api/subsidy-applications/{id}/return", new { reasons = new[] { "Give the audited R&D spend." } })).Context.Response.StatusCode
            .ShouldBe(204);
        (await fixture.ApplicationAsync(id)).ReturnReasons.ShouldBe(["Give the audited R&D spend."]);
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Put.Json(new { founderBirthDate = "2001-04-12", company = Applying.Company(rdSpend: 320_000m, code: "91350200MA8UEX3L5G") })
                .ToUrl($"/api/subsidy-applications/{id}");
            x.StatusCodeShouldBe(204);
        });
        await fixture.SendAsync($"/api/subsidy-applications/{id}/submission");

        var resubmitted = await fixture.ApplicationAsync(id);
        resubmitted.State.ShouldBe(ApplicationState.Eligible);
        resubmitted.Timeline.Count(entry => entry.Event == "EligibilityAssessed").ShouldBe(2);
    }

    private sealed class SupportingFactsComparer : IEqualityComparer<SupportingFacts>
    {
        public bool Equals(SupportingFacts? x, SupportingFacts? y) =>
            x is not null && y is not null && x.CompletedInternships == y.CompletedInternships && x.CompletedTrainings == y.CompletedTrainings
            && x.Awards.SequenceEqual(y.Awards);

        public int GetHashCode(SupportingFacts obj) => obj.CompletedInternships;
    }
}

/// <summary>A service of its own, so the policy version published here is in force for this test only.</summary>
public sealed class PolicyVersionsFixture : SubsidiesFixture;

public class JudgingUnderTwoPolicyVersions(PolicyVersionsFixture fixture) : IClassFixture<PolicyVersionsFixture>
{
    [Fact]
    public async Task the_same_application_is_judged_under_each_version_in_force_and_both_judgements_stay_in_its_history()
    {
        var founder = await fixture.FounderAsync();
        var id = await fixture.DraftAsync(founder, Applying.Company(rdSpend: 260_000m));
        await fixture.SendAsync($"/api/subsidy-applications/{id}/submission");
        (await fixture.ApplicationAsync(id)).Assessment!.PolicyVersion.ShouldBe("2022-05");

        var policy = (await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator).Get.Url("/api/subsidy-policies/2022-05"))).ReadAsJson<SubsidyPolicyTerms>();
        var stricter = policy with
        {
            Version = "2026-11", EffectiveFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1),
            Eligibility = policy.Eligibility with { MinimumRdSpend = 300_000m },
        };
        (await fixture.SendAsync("/api/subsidy-policies", stricter)).Context.Response.StatusCode.ShouldBe(201);
        var again = await fixture.SendAsync("/api/subsidy-policies", stricter);
        (await again.ReadAsJsonAsync<JsonObject>())!["rule"]!.GetValue<string>().ShouldBe("a-policy-version-is-published-once");

        await fixture.SendAsync($"/api/subsidy-applications/{id}/return", new { reasons = new[] { "Re-assess under the new measures." } });
        await fixture.SendAsync($"/api/subsidy-applications/{id}/submission");

        var judged = await fixture.ApplicationAsync(id);
        judged.State.ShouldBe(ApplicationState.Ineligible);
        judged.Assessment!.PolicyVersion.ShouldBe("2026-11");
        judged.Assessment.Criteria.Where(criterion => !criterion.Passed).ShouldHaveSingleItem().Criterion.ShouldBe("rd-spend");

        await using var session = fixture.Store.QuerySession();
        var assessments = (await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken))
            .Select(e => e.Data).OfType<EligibilityAssessed>().ToList();
        assessments.Select(assessment => (assessment.PolicyVersion, assessment.Eligible)).ShouldBe([("2022-05", true), ("2026-11", false)]);

        var told = await fixture.Host.InInboxAsync<SubsidyApplicationStateChanged>(Queues.InternshipsInbox, message => message.ApplicationId == id, expected: 3);
        told.OrderBy(message => message.Version).Select(message => (message.State, message.InProgress))
            .ShouldBe([("Eligible", true), ("Returned", true), ("Ineligible", false)], "what Internships' permit watch learns");
    }
}
