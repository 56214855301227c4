using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Http;

namespace Subsidies.Students.RecordingStudent;

/// <summary>
/// Consumes what the Events service publishes about a student's activities: completed trainings and awards are
/// supporting facts for subsidy eligibility. Each outcome is recorded once per activity, however often it arrives.
/// </summary>
public static class RecordActivityParticipationHandler
{
    public static Task Handle(ParticipantAttended message, IDocumentSession session, CancellationToken cancellation) =>
        RecordAsync(new ActivityParticipationRecorded(message.StudentId, message.ActivityId, message.Title, message.ActivityType,
            ParticipationOutcome.Attended, null, message.RecordedAt), session, cancellation);

    public static Task Handle(TrainingCompleted message, IDocumentSession session, CancellationToken cancellation) =>
        RecordAsync(new ActivityParticipationRecorded(message.StudentId, message.ActivityId, message.Title, message.ActivityType,
            ParticipationOutcome.Completed, null, message.RecordedAt), session, cancellation);

    public static Task Handle(AwardGranted message, IDocumentSession session, CancellationToken cancellation) =>
        RecordAsync(new ActivityParticipationRecorded(message.StudentId, message.ActivityId, message.Title, "SkillsCompetition",
            ParticipationOutcome.Awarded, message.Award, message.GrantedAt), session, cancellation);

    public static async Task Handle(ActivityCancelled message, IDocumentSession session, CancellationToken cancellation)
    {
        foreach (var studentId in message.RegistrantStudentIds)
        {
            await RecordAsync(new ActivityParticipationRecorded(studentId, message.ActivityId, message.Title, message.ActivityType,
                ParticipationOutcome.ActivityCancelled, null, message.CancelledAt), session, cancellation);
        }
    }

    private static async Task RecordAsync(ActivityParticipationRecorded recorded, IDocumentSession session, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<StudentRecord>(recorded.StudentId, cancellation);
        if (student.Aggregate is not { } record)
        {
            throw new NotYetKnownException($"Student {recorded.StudentId}");
        }

        if (record.Activities.Find(activity => activity.ActivityId == recorded.ActivityId)?.Outcomes.Contains(recorded.Outcome) == true)
        {
            return;
        }

        student.AppendOne(recorded);
    }
}
