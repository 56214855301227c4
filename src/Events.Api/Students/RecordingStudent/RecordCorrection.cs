using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Http;

namespace Events.Students.RecordingStudent;

/// <summary>Consumes <see cref="StudentRecordCorrected"/>: the student's name, programme or degree changes here too.</summary>
public static class RecordCorrectionHandler
{
    public static async Task Handle(StudentRecordCorrected message, IDocumentSession session, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<Student>(message.StudentId, cancellation);
        if (student.Aggregate is not { } current)
        {
            throw new NotYetKnownException($"Student {message.StudentId}");
        }

        if (current.EncryptedFullName == message.EncryptedFullName && current.Programme == message.Programme && current.DegreeLevel == message.DegreeLevel
            && current.ExpectedGraduation == message.ExpectedGraduation)
        {
            return;
        }

        student.AppendOne(new StudentDetailsCorrected(
            message.StudentId, message.EncryptedFullName, message.Programme, message.DegreeLevel, message.CorrectedAt, message.ExpectedGraduation));
    }
}
