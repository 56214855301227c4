using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;

namespace Subsidies.Students.RecordingStudent;

/// <summary>
/// Consumes <see cref="ResidencePermitChanged"/>: the permit a policy may require. A repeated report changes nothing, and
/// one older than the last kept (messages may arrive out of order) is ignored.
/// </summary>
public static class RecordResidencePermitHandler
{
    public static async Task Handle(ResidencePermitChanged message, IDocumentSession session, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<StudentRecord>(message.StudentId, cancellation);
        if (student.Aggregate is not { } current)
        {
            throw new NotYetKnownException($"Student {message.StudentId}");
        }

        if (current.ResidencePermitValidUntil != message.ValidUntil && !(current.ResidencePermitReportedAt > message.ChangedAt))
        {
            student.AppendOne(new ResidencePermitReported(message.StudentId, message.ValidUntil, message.ChangedAt));
        }
    }
}
