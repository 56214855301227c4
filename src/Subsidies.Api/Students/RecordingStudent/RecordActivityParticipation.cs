using Marten;
using StudentBase.Contracts;

namespace Subsidies.Students.RecordingStudent;

/// <summary>
/// Consumes what the Events service publishes about a student's activities: completed trainings and awards are
/// supporting facts for subsidy eligibility. Each outcome is recorded once per activity, however often it arrives.
/// </summary>
public static partial class RecordActivityParticipationHandler
{
    public static Task Handle(ParticipantAttended message, IDocumentSession session, ILogger logger, CancellationToken cancellation) =>
        RecordAsync(new ActivityParticipationRecorded(message.StudentId, message.ActivityId, message.Title, message.ActivityType,
            ParticipationOutcome.Attended, null, message.RecordedAt), session, logger, cancellation);

    public static Task Handle(TrainingCompleted message, IDocumentSession session, ILogger logger, CancellationToken cancellation) =>
        RecordAsync(new ActivityParticipationRecorded(message.StudentId, message.ActivityId, message.Title, message.ActivityType,
            ParticipationOutcome.Completed, null, message.RecordedAt), session, logger, cancellation);

    public static Task Handle(AwardGranted message, IDocumentSession session, ILogger logger, CancellationToken cancellation) =>
        RecordAsync(new ActivityParticipationRecorded(message.StudentId, message.ActivityId, message.Title, "SkillsCompetition",
            ParticipationOutcome.Awarded, message.Award, message.GrantedAt), session, logger, cancellation);

    public static async Task Handle(ActivityCancelled message, IDocumentSession session, ILogger logger, CancellationToken cancellation)
    {
        foreach (var studentId in message.RegistrantStudentIds)
        {
            await RecordAsync(new ActivityParticipationRecorded(studentId, message.ActivityId, message.Title, message.ActivityType,
                ParticipationOutcome.ActivityCancelled, null, message.CancelledAt), session, logger, cancellation);
        }
    }

    private static async Task RecordAsync(ActivityParticipationRecorded recorded, IDocumentSession session, ILogger logger, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<StudentRecord>(recorded.StudentId, cancellation);
        if (student.Aggregate is not { } record)
        {
            LogUnknownStudent(logger, recorded.StudentId);
            return;
        }

        if (record.Activities.Find(activity => activity.ActivityId == recorded.ActivityId)?.Outcomes.Contains(recorded.Outcome) == true)
        {
            return;
        }

        student.AppendOne(recorded);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An activity outcome arrived for student {StudentId}, who is not recorded here; it is ignored")]
    private static partial void LogUnknownStudent(ILogger logger, Guid studentId);
}
