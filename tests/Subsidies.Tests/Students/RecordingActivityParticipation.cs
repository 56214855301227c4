using Marten;
using StudentBase.Contracts;
using StudentBase.Testing;
using Subsidies.Students;

namespace Subsidies.Tests.Students;

/// <summary>Completed trainings and awards are supporting facts for eligibility: they arrive from Events, each outcome once.</summary>
public class RecordingActivityParticipation(SubsidiesFixture fixture)
{
    [Fact]
    public async Task attendance_completion_and_awards_are_recorded_once_each()
    {
        var registered = SampleStudents.Daniel();
        await fixture.Host.RecordStudentAsync(registered);
        var training = Guid.CreateVersion7();
        var competition = Guid.CreateVersion7();
        var at = new DateTimeOffset(2026, 12, 6, 17, 0, 0, TimeSpan.FromHours(8));
        var completed = new TrainingCompleted(training, registered.StudentId, "Mentor training", "MentorTraining", 2, new DateOnly(2026, 12, 6), at);

        await fixture.Host.InvokeAndWaitAsync(new ParticipantAttended(training, registered.StudentId, "Mentor training", "MentorTraining", new DateOnly(2026, 12, 5), at));
        await fixture.Host.InvokeAndWaitAsync(completed);
        await fixture.Host.InvokeAndWaitAsync(completed);
        await fixture.Host.InvokeAndWaitAsync(new AwardGranted(competition, registered.StudentId, "Skills competition", 1, "First prize", at));
        await fixture.Host.InvokeAndWaitAsync(new ActivityCancelled(Guid.CreateVersion7(), "Salon", "CulturalSalon", at, "typhoon", [registered.StudentId], at));

        await using var session = fixture.Store.QuerySession();
        var record = (await session.LoadAsync<StudentRecord>(registered.StudentId, TestContext.Current.CancellationToken))!;
        record.Activities.Single(activity => activity.ActivityId == training).Outcomes
            .ShouldBe([ParticipationOutcome.Attended, ParticipationOutcome.Completed]);
        record.Activities.Single(activity => activity.ActivityId == competition).Award.ShouldBe("First prize");
        record.Activities.Count.ShouldBe(3);
    }
}
