using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;

namespace Subsidies.Students.RecordingStudent;

/// <summary>Consumes <see cref="ResidencePermitChanged"/>: the permit a policy may require; a repeated report changes nothing.</summary>
public static class RecordResidencePermitHandler
{
    public static async Task Handle(ResidencePermitChanged message, IDocumentSession session, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<StudentRecord>(message.StudentId, cancellation);
        if (student.Aggregate is not { } current)
        {
            throw new NotYetKnownException($"Student {message.StudentId}");
        }

        if (current.ResidencePermitValidUntil != message.ValidUntil)
        {
            student.AppendOne(new ResidencePermitReported(message.StudentId, message.ValidUntil, message.ChangedAt));
        }
    }
}
