using StudentBase.Testing;

namespace Internships.Tests.Internships;

/// <summary>A university, a student, a designated branch station with an open placement, and each party's own API key.</summary>
public sealed record InternshipParties(
    InternshipsFixture Fixture,
    Guid UniversityId,
    Guid StudentId,
    Guid BranchStationId,
    Guid PlacementId,
    string UniversityKey,
    string StudentKey,
    string CompanyKey)
{
    public static async Task<InternshipParties> ArrangeAsync(InternshipsFixture fixture, int slots = 2, DateOnly? residencePermitExpiry = null)
    {
        var universityId = await fixture.UniversityAsync();
        var studentId = await fixture.StudentAsync(universityId, residencePermitExpiry);
        var stationId = await fixture.BranchStationAsync();
        var placementId = await fixture.OpenPlacementAsync(stationId, slots);
        return new InternshipParties(fixture, universityId, studentId, stationId, placementId,
            await fixture.KeyAsync("University", universityId),
            await fixture.KeyAsync("Applicant", studentId),
            await fixture.KeyAsync("Company", stationId));
    }

    /// <summary>Another student of the same university, at the same placement, with their own key.</summary>
    public async Task<InternshipParties> AnotherStudentAsync()
    {
        var studentId = await Fixture.StudentAsync(UniversityId);
        return this with { StudentId = studentId, StudentKey = await Fixture.KeyAsync("Applicant", studentId) };
    }

    public static DateOnly AgreedStart => Given.Today.AddDays(10);
    public static DateOnly AgreedEnd => Given.Today.AddDays(100);

    public static object Terms(int hoursPerWeek = 24) => new
    {
        startDate = AgreedStart.ToString("yyyy-MM-dd"),
        endDate = AgreedEnd.ToString("yyyy-MM-dd"),
        hoursPerWeek,
        supervisor = "Zhang Wei, head of content",
        monthlyStipend = 3000.00m,
        learningGoals = new[] { "Write three short-video scripts in Chinese" },
    };

    public static object Endorsement => new
    {
        place = Given.Workplace,
        validFrom = AgreedStart.ToString("yyyy-MM-dd"),
        validUntil = AgreedEnd.ToString("yyyy-MM-dd"),
        reference = "XM-EE-2026-000001",
    };

    public Task<Guid> IntentionAsync() =>
        Fixture.CreateAsync("/api/internships", new { studentId = StudentId, placementId = PlacementId }, UniversityKey);

    /// <summary>Intention recorded, consented and its agreement drafted, unsigned.</summary>
    public async Task<Guid> DraftedAsync()
    {
        var id = await IntentionAsync();
        await Fixture.PostAsync($"/api/internships/{id}/consent", new { }, UniversityKey);
        await Fixture.Host.Scenario(x =>
        {
            x.As(CompanyKey).Put.Json(Terms()).ToUrl($"/api/internships/{id}/agreement");
            x.StatusCodeShouldBe(204);
        });
        return id;
    }

    public Task SignAsync(Guid internshipId, string party) =>
        Fixture.PostAsync($"/api/internships/{internshipId}/agreement/signatures", new { party }, KeyOf(party));

    public string KeyOf(string party) => party switch
    {
        "Student" => StudentKey,
        "Company" => CompanyKey,
        _ => UniversityKey,
    };

    /// <summary>Signed by all three parties.</summary>
    public async Task<Guid> AgreedAsync()
    {
        var id = await DraftedAsync();
        foreach (var party in new[] { "Student", "University", "Company" })
        {
            await SignAsync(id, party);
        }

        return id;
    }

    public async Task<Guid> StartedAsync()
    {
        var id = await AgreedAsync();
        await Fixture.PostAsync($"/api/internships/{id}/permit-endorsement", Endorsement, PartnerKeys.ExitEntryOfficer);
        await Fixture.PostAsync($"/api/internships/{id}/start", new { startedOn = AgreedStart.ToString("yyyy-MM-dd") }, CompanyKey);
        return id;
    }
}
