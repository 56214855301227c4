using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.PersonalData;

namespace Events.Students.RecordingStudent;

/// <summary>Keeps the key Internships shares for a student, so the student's name sealed with it can be read here.</summary>
public static class KeepStudentKeyHandler
{
    public static Task Handle(PersonalDataKeyShared message, IDocumentSession session, CancellationToken cancellation) =>
        session.KeepSharedKeyAsync(message.SubjectId, message.Key, cancellation);
}

/// <summary>Consumes <see cref="StudentBase.Contracts.StudentPersonalDataErased"/>: the student's key is destroyed here too.</summary>
public static class ErasePersonalDataHandler
{
    public static async Task Handle(StudentBase.Contracts.StudentPersonalDataErased message, IDocumentSession session, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<Student>(message.StudentId, cancellation);
        if (student.Aggregate is not { } current)
        {
            throw new NotYetKnownException($"Student {message.StudentId}");
        }

        session.EraseKey(message.StudentId, message.ErasedAt);
        if (current.ErasedAt is null)
        {
            student.AppendOne(new StudentPersonalDataErased(message.StudentId, message.ErasedAt));
        }
    }
}
