using System.Text.Json.Nodes;
using StudentBase.Contracts;
using StudentBase.Testing;
using Subsidies.Students;

namespace Subsidies.Tests.Students;

public class RecordingRegisteredStudents(SubsidiesFixture fixture)
    : StudentRegisteredConsumerSpecification<Program, StudentRecorded>(fixture, Queues.SubsidiesInbox)
{
    protected override void ShouldDescribe(JsonObject student, StudentRegistered registered)
    {
        student["degreeLevel"]!.GetValue<string>().ShouldBe(registered.DegreeLevel.ToString());
        student["expectedGraduation"]!.GetValue<string>().ShouldBe(registered.ExpectedGraduation.ToString("O"));
        student["registeredAt"]!.GetValue<DateTimeOffset>().ShouldBe(registered.RegisteredAt);
    }
}
