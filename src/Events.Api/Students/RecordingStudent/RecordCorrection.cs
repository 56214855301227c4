using Marten;
using StudentBase.Contracts;

namespace Events.Students.RecordingStudent;

/// <summary>Consumes <see cref="StudentRecordCorrected"/>: the student's name, programme or degree changes here too.</summary>
public static partial class RecordCorrectionHandler
{
    public static async Task Handle(StudentRecordCorrected message, IDocumentSession session, ILogger logger, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<Student>(message.StudentId, cancellation);
        if (student.Aggregate is not { } current)
        {
            LogUnknownStudent(logger, message.StudentId);
            return;
        }

        if (current.FullName == message.FullName && current.Programme == message.Programme && current.DegreeLevel == message.DegreeLevel
            && current.ExpectedGraduation == message.ExpectedGraduation)
        {
            return;
        }

        student.AppendOne(new StudentDetailsCorrected(
            message.StudentId, message.FullName, message.Programme, message.DegreeLevel, message.CorrectedAt, message.ExpectedGraduation));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A correction arrived for student {StudentId}, who is not recorded here; it is ignored")]
    private static partial void LogUnknownStudent(ILogger logger, Guid studentId);
}
