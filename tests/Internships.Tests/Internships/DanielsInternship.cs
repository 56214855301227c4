using Internships.Internships;
using Internships.Internships.Getting;
using Internships.Placements;
using Internships.Placements.Getting;
using StudentBase.Contracts;
using StudentBase.Testing;
using Wolverine.Tracking;

namespace Internships.Tests.Internships;

/// <summary>
/// The journey in domain.md up to a completed internship, through the API with each party's own key: Daniel, a British
/// student of Business Chinese at Xiamen University, interns at Xiamen Paoyou Network Technology writing scripts.
/// </summary>
public class DanielsInternship(InternshipsFixture fixture)
{
    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd");

    [Fact]
    public async Task from_nomination_to_a_completed_internship_with_its_certificate()
    {
        var xmu = PartnerKeys.XiamenUniversityKey;
        var paoyou = PartnerKeys.Company;
        var start = Given.Today.AddDays(14);
        var end = start.AddDays(90);

        // Xiamen University nominates Daniel; Paoyou (a designated branch station) posts script writing; the base approves it.
        var daniel = await fixture.CreateAsync("/api/students", new
        {
            universityId = PartnerKeys.XiamenUniversity, fullName = "Daniel Smith", nationality = "GB", passportNumber = "GB9876543",
            programme = "Business Chinese (经贸汉语)", degreeLevel = "Bachelor", enrolledOn = "2023-09-01", expectedGraduation = "2027-06-30",
            residencePermitExpiry = Date(Given.Today.AddYears(2)),
        }, xmu);
        var danielKey = await fixture.KeyAsync("Applicant", daniel);
        var placement = await fixture.CreateAsync("/api/placements", new
        {
            branchStationId = DevelopmentData.PaoyouBranchStation,
            offer = new { title = "Script writing (剧本创作)", description = "Scripts for short videos", slots = 3, startDate = Date(start), endDate = Date(end), location = Given.Workplace },
        }, paoyou);
        await fixture.PostAsync($"/api/placements/{placement}/approval", new { });

        // Daniel records his intention; his university consents; Paoyou drafts the agreement; all three sign.
        var internship = await fixture.CreateAsync("/api/internships", new { studentId = daniel, placementId = placement }, danielKey);
        await fixture.PostAsync($"/api/internships/{internship}/consent", new { }, xmu);
        await fixture.Host.Scenario(x =>
        {
            x.As(paoyou).Put.Json(new
            {
                startDate = Date(start), endDate = Date(end), hoursPerWeek = 24, supervisor = "Zhang Wei, head of content", monthlyStipend = 3000m,
                learningGoals = new[] { "Write three short-video scripts in Chinese", "Take part in a production from script to release" },
            }).ToUrl($"/api/internships/{internship}/agreement");
            x.StatusCodeShouldBe(204);
        });
        await fixture.PostAsync($"/api/internships/{internship}/agreement/signatures", new { party = "Student" }, danielKey);
        await fixture.PostAsync($"/api/internships/{internship}/agreement/signatures", new { party = "University" }, xmu);
        await fixture.PostAsync($"/api/internships/{internship}/agreement/signatures", new { party = "Company" }, paoyou);
        (await fixture.Host.InInboxAsync<InternshipAgreementSigned>(Queues.SubsidiesInbox, message => message.InternshipId == internship))
            .ShouldHaveSingleItem().StudentId.ShouldBe(daniel);
        (await fixture.GetAsync<PlacementDetails>($"/api/placements/{placement}")).SlotsLeft.ShouldBe(2);

        // The exit-entry administration endorses his residence permit; Paoyou records the start.
        await fixture.PostAsync($"/api/internships/{internship}/permit-endorsement",
            new { place = Given.Workplace, validFrom = Date(start), validUntil = Date(end), reference = "XM-EE-2026-000042" }, PartnerKeys.ExitEntryOfficer);
        await fixture.PostAsync($"/api/internships/{internship}/start", new { startedOn = Date(start) }, paoyou);
        (await fixture.Host.InInboxAsync<StudentBase.Contracts.InternshipStarted>(Queues.SubsidiesInbox, message => message.InternshipId == internship))
            .ShouldHaveSingleItem().StartedOn.ShouldBe(start);

        // Evaluations both ways, then the certificate.
        await fixture.PostAsync($"/api/internships/{internship}/evaluations", new { stage = "MidTerm", rating = 4, comments = "Quick learner." }, paoyou);
        await fixture.PostAsync($"/api/internships/{internship}/evaluations", new { stage = "Final", rating = 5, comments = "Two scripts published." }, paoyou);
        await fixture.PostAsync($"/api/internships/{internship}/host-evaluation", new { rating = 5, comments = "Real work from week one." }, danielKey);
        await fixture.PostAsync($"/api/internships/{internship}/completion", new { endedOn = Date(end), certificateNumber = "XSP-INT-2026-0042" }, paoyou);

        var completed = (await fixture.Host.InInboxAsync<StudentBase.Contracts.InternshipCompleted>(
            Queues.SubsidiesInbox, message => message.InternshipId == internship)).ShouldHaveSingleItem();
        completed.ShouldBe(new StudentBase.Contracts.InternshipCompleted(internship, daniel, PartnerKeys.XiamenUniversity, DevelopmentData.PaoyouBranchStation,
            start, end, "XSP-INT-2026-0042", completed.CompletedAt));
        (await fixture.Host.InInboxAsync<StudentBase.Contracts.InternshipCompleted>(Queues.EventsInbox, message => message.InternshipId == internship, expected: 0))
            .ShouldBeEmpty();

        var details = await fixture.GetAsync<InternshipDetails>($"/api/internships/{internship}", danielKey);
        details.State.ShouldBe(InternshipState.Completed);
        details.StartedOn.ShouldBe(start);
        details.EndedOn.ShouldBe(end);
        details.CertificateNumber.ShouldBe("XSP-INT-2026-0042");
        details.SignedBy.ShouldBe([AgreementParty.Student, AgreementParty.University, AgreementParty.Company]);
        details.MidTermEvaluation!.Rating.ShouldBe(4);
        details.FinalEvaluation!.Rating.ShouldBe(5);
        details.HostEvaluation!.Rating.ShouldBe(5);
        details.Terms!.Workplace.ShouldBe(Given.Workplace);

        await using var session = fixture.Store.QuerySession();
        var history = await session.Events.FetchStreamAsync(internship, token: TestContext.Current.CancellationToken);
        history.Select(e => e.EventType.Name).ShouldBe([
            nameof(InternshipIntended), nameof(UniversityConsented), nameof(AgreementDrafted), nameof(AgreementSignatureGiven), nameof(AgreementSignatureGiven),
            nameof(AgreementSignatureGiven), nameof(AgreementSigned), nameof(PermitEndorsed), nameof(global::Internships.Internships.InternshipStarted),
            nameof(InternEvaluated), nameof(InternEvaluated), nameof(HostEvaluated), nameof(global::Internships.Internships.InternshipCompleted),
        ]);
        (await fixture.GetAsync<PlacementDetails>($"/api/placements/{placement}")).State.ShouldBe(PlacementState.Open);
    }
}
