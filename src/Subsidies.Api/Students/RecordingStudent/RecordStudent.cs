using Marten;
using StudentBase.Contracts;

namespace Subsidies.Students.RecordingStudent;

/// <summary>Consumes <see cref="StudentRegistered"/> from Internships; a redelivered message changes nothing.</summary>
public static partial class RecordStudentHandler
{
    public static async Task Handle(StudentRegistered message, IDocumentSession session, ILogger logger, CancellationToken cancellation)
    {
        if (await session.Events.FetchStreamStateAsync(message.StudentId, cancellation) is not null)
        {
            LogAlreadyRecorded(logger, message.StudentId);
            return;
        }

        session.Events.StartStream<StudentRecord>(message.StudentId, new StudentRecorded(
            message.StudentId,
            message.UniversityId,
            message.EncryptedFullName,
            message.Nationality,
            message.DegreeLevel,
            message.ExpectedGraduation,
            message.RegisteredAt));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Student {StudentId} is already recorded; the message is ignored")]
    private static partial void LogAlreadyRecorded(ILogger logger, Guid studentId);
}
