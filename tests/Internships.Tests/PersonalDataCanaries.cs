using StudentBase.Testing;

namespace Internships.Tests;

/// <summary>
/// Canaries in every personal field Internships keeps: a university coordinator's and a company contact's name, phone and
/// e-mail, a student's name and passport number, an agreement's supervisor.
/// </summary>
public class PersonalDataCanaries(InternshipsFixture fixture) : PersonalDataCanarySpecification<Program>(fixture)
{
    protected override async Task<SeededCanaries> SeedAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var digits = Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] canaries =
        [
            $"Coordinator{tag}", $"+86 592 {digits}", $"coordinator{tag}@university.example",
            $"Contact{tag}", $"+86 591 {digits}", $"contact{tag}@company.example",
            $"Student{tag}", $"CY{digits}", $"Supervisor{tag}",
        ];

        var university = await fixture.CreateAsync("/api/universities", new
        {
            name = $"University {tag}", city = "Xiamen", coordinator = new { name = canaries[0], phone = canaries[1], email = canaries[2] },
        });
        var company = await fixture.CreateAsync("/api/branch-stations", new
        {
            name = $"Company {tag}", unifiedSocialCreditCode = Given.NewCreditCode(), industry = "Digital content",
            contact = new { name = canaries[3], phone = canaries[4], email = canaries[5] },
        });
        await fixture.PostAsync($"/api/branch-stations/{company}/designation", new { });
        var student = await fixture.CreateAsync("/api/students", new
        {
            universityId = university, fullName = canaries[6], nationality = "GB", passportNumber = canaries[7], programme = "Business Chinese",
            degreeLevel = "Bachelor", enrolledOn = "2023-09-01", expectedGraduation = "2027-06-30",
            residencePermitExpiry = Given.Today.AddYears(2).ToString("yyyy-MM-dd"),
        });
        var placement = await fixture.OpenPlacementAsync(company);
        var internship = await fixture.CreateAsync("/api/internships", new { studentId = student, placementId = placement });
        await fixture.PostAsync($"/api/internships/{internship}/consent", new { });
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Put.Json(new
            {
                startDate = Given.Today.AddDays(10).ToString("yyyy-MM-dd"), endDate = Given.Today.AddDays(100).ToString("yyyy-MM-dd"), hoursPerWeek = 20,
                supervisor = canaries[8], monthlyStipend = 0m, learningGoals = new[] { "scripts" },
            }).ToUrl($"/api/internships/{internship}/agreement");
            x.StatusCodeShouldBe(204);
        });

        string[] History(Guid stream) =>
            [$"/api/history/events?stream={stream}", $"/api/history/events.ndjson?stream={stream}", $"/api/history/events.parquet?stream={stream}"];

        return new SeededCanaries(
            canaries,
            new Dictionary<string, string> { ["id"] = student.ToString(), ["personId"] = student.ToString() },
            new Dictionary<string, string[]>
            {
                ["/api/universities/{id}"] = [$"/api/universities/{university}"],
                ["/api/branch-stations/{id}"] = [$"/api/branch-stations/{company}"],
                ["/api/internships/{id}"] = [$"/api/internships/{internship}"],
                ["/api/placements/{id}"] = [$"/api/placements/{placement}"],
                ["/api/students"] = [$"/api/students?universityId={university}"],
                ["/api/internships"] = [$"/api/internships?studentId={student}"],
                ["/api/history/events"] = [.. new[] { student, university, company, internship }.Select(stream => $"/api/history/events?stream={stream}")],
                ["/api/history/events.ndjson"] = [.. new[] { student, university, company, internship }.Select(stream => History(stream)[1])],
                ["/api/history/events.parquet"] = [.. new[] { student, university, company, internship }.Select(stream => History(stream)[2])],
                ["/api/history/aggregates/{kind}/{id}"] =
                [
                    $"/api/history/aggregates/students/{student}", $"/api/history/aggregates/universities/{university}",
                    $"/api/history/aggregates/branch-stations/{company}", $"/api/history/aggregates/internships/{internship}",
                ],
                ["/api/history/aggregates/{kind}/{id}/timeline"] =
                [
                    $"/api/history/aggregates/students/{student}/timeline", $"/api/history/aggregates/universities/{university}/timeline",
                    $"/api/history/aggregates/branch-stations/{company}/timeline", $"/api/history/aggregates/internships/{internship}/timeline",
                ],
            },
            [
                ($"/api/students/{student}", PartnerKeys.BaseAdministrator, canaries[6]),
                ($"/api/universities/{university}", PartnerKeys.BaseAdministrator, canaries[2]),
                ($"/api/branch-stations/{company}", PartnerKeys.BaseAdministrator, canaries[5]),
                ($"/api/internships/{internship}", PartnerKeys.BaseAdministrator, canaries[8]),
            ]);
    }
}
