using Internships.Internships;
using Internships.Internships.Dashboard;
using Internships.Internships.Listing;
using Microsoft.AspNetCore.Http;
using StudentBase.Http;
using StudentBase.Testing;

namespace Internships.Tests.Internships;

/// <summary>The read models: internships by student, branch station and university, and the base's dashboard.</summary>
public class ReadingInternships(InternshipsFixture fixture)
{
    [Fact]
    public async Task each_party_lists_its_own_internships_and_nobody_elses()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var agreed = await parties.AgreedAsync();
        var other = await InternshipParties.ArrangeAsync(fixture);
        await other.IntentionAsync();

        (await fixture.GetAsync<Page<InternshipSummary>>("/api/internships", parties.UniversityKey)).Items.Select(item => item.Id).ShouldBe([agreed]);
        (await fixture.GetAsync<Page<InternshipSummary>>("/api/internships", parties.CompanyKey)).Items.Select(item => item.Id).ShouldBe([agreed]);
        var mine = await fixture.GetAsync<Page<InternshipSummary>>("/api/internships", parties.StudentKey);
        mine.Items.ShouldHaveSingleItem().State.ShouldBe(InternshipState.Agreed);
        mine.Items[0].EndDate.ShouldBe(InternshipParties.AgreedEnd);

        await fixture.Host.Scenario(x =>
        {
            x.As(parties.UniversityKey).Get.Url($"/api/internships?universityId={other.UniversityId}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        await fixture.Host.Scenario(x =>
        {
            x.As(other.CompanyKey).Get.Url($"/api/internships/{agreed}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        (await fixture.GetAsync<Page<InternshipSummary>>($"/api/internships?branchStationId={parties.BranchStationId}&state=Agreed",
            PartnerKeys.ExitEntryOfficer)).Items.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task the_dashboard_counts_intentions_agreements_and_completions_by_university_and_nationality()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        await parties.IntentionAsync();
        var second = await parties.AnotherStudentAsync();
        var started = await second.StartedAsync();
        await fixture.PostAsync($"/api/internships/{started}/evaluations", new { stage = "Final", rating = 5, comments = "Excellent." }, second.CompanyKey);
        await fixture.PostAsync($"/api/internships/{started}/completion",
            new { endedOn = InternshipParties.AgreedEnd.ToString("yyyy-MM-dd"), certificateNumber = "C-77" }, second.CompanyKey);

        var dashboard = await fixture.GetAsync<InternshipDashboard>("/api/internships/dashboard", PartnerKeys.Analyst);

        dashboard.ByUniversity.Single(tally => tally.UniversityId == parties.UniversityId).Tally.ShouldBe(new Tally(2, 1, 0, 1));
        dashboard.Total.Intentions.ShouldBeGreaterThanOrEqualTo(2);
        dashboard.ByState[InternshipState.Completed].ShouldBeGreaterThanOrEqualTo(1);
        dashboard.ByNationality.ShouldContain(tally => tally.Nationality == "GB");
        dashboard.ActiveBranchStations.ShouldBeGreaterThanOrEqualTo(1);
    }
}
