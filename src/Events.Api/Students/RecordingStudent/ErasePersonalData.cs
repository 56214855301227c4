using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.PersonalData;

namespace Events.Students.RecordingStudent;

/// <summary>
/// Keeps the key Internships shares for a student, so the student's name sealed with it can be read here; when the key comes
/// from the sealing of earlier records, a name an earlier version of this service kept in clear is sealed with it now.
/// </summary>
public static class KeepStudentKeyHandler
{
    public static async Task Handle(
        StudentBase.Contracts.PersonalDataKeyShared message, IDocumentSession session, ClearPersonalData clearData, CancellationToken cancellation)
    {
        var key = await session.KeepSharedKeyAsync(message.SubjectId, message.Key, cancellation);
        if (!message.SealEarlierCopies)
        {
            return;
        }

        await clearData.SealStreamAsync<Student>(session, message.SubjectId, key, cancellation);
    }
}

/// <summary>Consumes <see cref="StudentBase.Contracts.StudentPersonalDataErased"/>: the student's key is destroyed here too.</summary>
public static class ErasePersonalDataHandler
{
    public static async Task Handle(
        StudentBase.Contracts.StudentPersonalDataErased message, IDocumentSession session, ClearPersonalData clearData, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<Student>(message.StudentId, cancellation);
        if (student.Aggregate is not { } current)
        {
            throw new NotYetKnownException($"Student {message.StudentId}");
        }

        session.EraseKey(message.StudentId, message.ErasedAt);
        await clearData.SealAsync(session, message.StudentId, PersonalDataKey.NewFor(message.StudentId), cancellation);
        if (current.ErasedAt is null)
        {
            student.AppendOne(new StudentPersonalDataErased(message.StudentId, message.ErasedAt));
        }
    }
}
