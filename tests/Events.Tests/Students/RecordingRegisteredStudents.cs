using System.Text.Json.Nodes;
using Events.Students;
using StudentBase.Contracts;
using StudentBase.Testing;

namespace Events.Tests.Students;

public class RecordingRegisteredStudents(EventsFixture fixture)
    : StudentRegisteredConsumerSpecification<Program, StudentRecorded>(fixture, Queues.EventsInbox)
{
    protected override void ShouldDescribe(JsonObject student, StudentRegistered registered)
    {
        student["programme"]!.GetValue<string>().ShouldBe(registered.Programme);
        student["degreeLevel"]!.GetValue<string>().ShouldBe(registered.DegreeLevel.ToString());
        student["registeredAt"]!.GetValue<DateTimeOffset>().ShouldBe(registered.RegisteredAt);
    }
}
