using Events.Tests.Activities;
using StudentBase.Testing;

namespace Events.Tests;

/// <summary>
/// Canaries in every personal field Events keeps: a student's name, as Internships publishes it, on a roster the staff search
/// by name at the door.
/// </summary>
public class PersonalDataCanaries(EventsFixture fixture) : PersonalDataCanarySpecification<Program>(fixture)
{
    protected override async Task<SeededCanaries> SeedAsync()
    {
        var name = $"Student{Guid.NewGuid():N}";
        var student = await fixture.StudentAsync(name: name);
        var activity = await fixture.ActivityAsync();
        await fixture.RegisteredAsync(activity, student);
        var search = $"/api/activities/{activity}/roster?name={Uri.EscapeDataString(name)}";

        return new SeededCanaries(
            [name],
            new Dictionary<string, string> { ["id"] = activity.ToString(), ["studentId"] = student.ToString(), ["personId"] = student.ToString() },
            new Dictionary<string, string[]>
            {
                ["/api/students/{id}"] = [$"/api/students/{student}"],
                ["/api/activities/{id}/roster"] = [$"/api/activities/{activity}/roster", search],
                ["/api/history/events"] = [$"/api/history/events?stream={student}", $"/api/history/events?stream={activity}"],
                ["/api/history/events.ndjson"] = [$"/api/history/events.ndjson?stream={student}", $"/api/history/events.ndjson?stream={activity}"],
                ["/api/history/events.parquet"] = [$"/api/history/events.parquet?stream={student}", $"/api/history/events.parquet?stream={activity}"],
                ["/api/history/aggregates/{kind}/{id}"] = [$"/api/history/aggregates/students/{student}", $"/api/history/aggregates/activities/{activity}"],
                ["/api/history/aggregates/{kind}/{id}/timeline"] =
                    [$"/api/history/aggregates/students/{student}/timeline", $"/api/history/aggregates/activities/{activity}/timeline"],
            },
            [
                ($"/api/students/{student}", PartnerKeys.BaseAdministrator, name),
                (search, PartnerKeys.BaseAdministrator, name),
            ]);
    }
}
