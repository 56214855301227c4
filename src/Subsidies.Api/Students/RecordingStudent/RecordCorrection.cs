using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Http;

namespace Subsidies.Students.RecordingStudent;

/// <summary>Consumes <see cref="StudentRecordCorrected"/>: the facts eligibility depends on change here too.</summary>
public static class RecordCorrectionHandler
{
    public static async Task Handle(StudentRecordCorrected message, IDocumentSession session, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<StudentRecord>(message.StudentId, cancellation);
        if (student.Aggregate is not { } current)
        {
            throw new NotYetKnownException($"Student {message.StudentId}");
        }

        if (current.EncryptedFullName == message.EncryptedFullName && current.DegreeLevel == message.DegreeLevel && current.ExpectedGraduation == message.ExpectedGraduation)
        {
            return;
        }

        student.AppendOne(new StudentDetailsCorrected(message.StudentId, message.EncryptedFullName, message.DegreeLevel, message.ExpectedGraduation, message.CorrectedAt));
    }
}
