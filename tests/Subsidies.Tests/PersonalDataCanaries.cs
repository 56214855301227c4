using StudentBase.Testing;
using Subsidies.Tests.Applications;

namespace Subsidies.Tests;

/// <summary>Canaries in every personal field Subsidies keeps: a founder's name, as Internships publishes it, and birth date.</summary>
public class PersonalDataCanaries(SubsidiesFixture fixture) : PersonalDataCanarySpecification<Program>(fixture)
{
    protected override async Task<SeededCanaries> SeedAsync()
    {
        var name = $"Founder{Guid.NewGuid():N}";
        var birthDate = new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 3650));
        var founder = SampleStudents.Daniel(fullName: name);
        await fixture.Host.RecordStudentAsync(founder);
        var application = await fixture.DraftAsync(founder.StudentId, Applying.Company(code: Company()), birthDate);
        await fixture.SendAsync($"/api/subsidy-applications/{application}/submission");
        var canaries = new[] { name, birthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };

        return new SeededCanaries(
            canaries,
            new Dictionary<string, string>
            {
                ["id"] = application.ToString(), ["personId"] = founder.StudentId.ToString(), ["version"] = "2022-05",
            },
            new Dictionary<string, string[]>
            {
                ["/api/students/{id}"] = [$"/api/students/{founder.StudentId}"],
                ["/api/subsidy-applications"] = [$"/api/subsidy-applications?applicantId={founder.StudentId}"],
                ["/api/history/events"] = [$"/api/history/events?stream={founder.StudentId}", $"/api/history/events?stream={application}"],
                ["/api/history/events.ndjson"] =
                    [$"/api/history/events.ndjson?stream={founder.StudentId}", $"/api/history/events.ndjson?stream={application}"],
                ["/api/history/events.parquet"] =
                    [$"/api/history/events.parquet?stream={founder.StudentId}", $"/api/history/events.parquet?stream={application}"],
                ["/api/history/aggregates/{kind}/{id}"] =
                    [$"/api/history/aggregates/students/{founder.StudentId}", $"/api/history/aggregates/subsidy-applications/{application}"],
                ["/api/history/aggregates/{kind}/{id}/timeline"] =
                [
                    $"/api/history/aggregates/students/{founder.StudentId}/timeline",
                    $"/api/history/aggregates/subsidy-applications/{application}/timeline",
                ],
            },
            [
                ($"/api/students/{founder.StudentId}", PartnerKeys.BaseAdministrator, name),
                ($"/api/subsidy-applications/{application}", PartnerKeys.BaseAdministrator, canaries[1]),
            ]);
    }

    private static string Company() => "91350200MA8" + string.Concat(Enumerable.Range(0, 7).Select(_ => "0123456789ABCDEFGHJKLMNPQRTUWXY"[Random.Shared.Next(31)]));
}
