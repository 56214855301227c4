using Alba;
using Subsidies.Students;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace Subsidies.Tests.Students;

public class RecordingRegisteredStudents(SubsidiesFixture fixture)
{
    [Fact]
    public async Task a_student_registered_in_internships_becomes_a_record_in_subsidies()
    {
        var registered = SampleStudents.Daniel();

        await fixture.Host.InvokeMessageAndWaitAsync(registered);

        var student = await fixture.Host.GetAsJson<StudentRecord>($"/api/students/{registered.StudentId}");
        student.ShouldNotBeNull();
        student.FullName.ShouldBe("Daniel Smith");
        student.Nationality.ShouldBe("GB");
        student.UniversityId.ShouldBe(SampleStudents.XiamenUniversity);
        student.DegreeLevel.ShouldBe(DegreeLevel.Bachelor);
        student.ExpectedGraduation.ShouldBe(new DateOnly(2025, 6, 30));
        student.RegisteredAt.ShouldBe(registered.RegisteredAt);
    }

    [Fact]
    public async Task the_message_arrives_through_the_subsidies_inbox_queue()
    {
        var registered = SampleStudents.Daniel();

        await fixture.Host.TrackActivity()
            .IncludeExternalTransports()
            .Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((IMessageContext bus) =>
                bus.EndpointFor(new Uri($"postgresql://{Queues.SubsidiesInbox}/")).SendAsync(registered));

        await fixture.Host.Scenario(x =>
        {
            x.Get.Url($"/api/students/{registered.StudentId}");
            x.StatusCodeShouldBeOk();
        });
    }

    [Fact]
    public async Task the_same_message_twice_changes_nothing()
    {
        var registered = SampleStudents.Daniel();

        await fixture.Host.InvokeMessageAndWaitAsync(registered);
        await fixture.Host.InvokeMessageAndWaitAsync(registered with { FullName = "Someone Else" });

        await using var session = fixture.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(registered.StudentId, token: TestContext.Current.CancellationToken);
        events.ShouldHaveSingleItem().Data.ShouldBeOfType<StudentRecorded>().FullName.ShouldBe("Daniel Smith");
        var student = await fixture.Host.GetAsJson<StudentRecord>($"/api/students/{registered.StudentId}");
        student!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_student_is_a_not_found_problem()
    {
        await fixture.Host.Scenario(x =>
        {
            x.Get.Url($"/api/students/{Guid.CreateVersion7()}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
            x.ContentTypeShouldBe("application/problem+json");
        });
    }
}
