using Alba;
using StudentBase.History;
using StudentBase.Testing;

namespace Internships.Tests.History;

/// <summary>An analyst follows one student through the service: their own record and every record that names them, in time order.</summary>
public class FollowingAJourney(InternshipsFixture fixture)
{
    [Fact]
    public async Task a_students_journey_holds_their_record_and_their_internships_in_time_order()
    {
        var universityId = await fixture.UniversityAsync();
        var studentId = await fixture.StudentAsync(universityId);
        var otherStudent = await fixture.StudentAsync(universityId);
        var placementId = await fixture.OpenPlacementAsync(await fixture.BranchStationAsync());
        var internshipId = await fixture.CreateAsync("/api/internships", new { studentId, placementId });

        var journey = (await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url($"/api/history/journeys/{studentId}")))
            .ReadAsJson<Journey>()!;

        journey.PersonId.ShouldBe(studentId);
        journey.UnreachableServices.ShouldBeEmpty();
        journey.Entries.ShouldAllBe(entry => entry.Service == "internships");
        journey.Entries.Select(entry => entry.Event.Timestamp).ShouldBeInOrder();
        journey.Entries.Select(entry => (entry.Event.StreamId, entry.Event.Type)).ShouldBe(
            [(studentId, "student_nominated"), (internshipId, "internship_intended")]);
        journey.Entries.ShouldNotContain(entry => entry.Event.StreamId == otherStudent);
    }
}
