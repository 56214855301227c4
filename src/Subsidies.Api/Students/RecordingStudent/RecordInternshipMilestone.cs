using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Http;

namespace Subsidies.Students.RecordingStudent;

/// <summary>
/// Consumes the internship milestones the Internships service publishes: completed internships are supporting facts
/// for subsidy eligibility. A redelivered message, or one older than what is recorded, changes nothing; one that
/// overtook the student's registration waits for it (see <see cref="NotYetKnownException"/>).
/// </summary>
public static class RecordInternshipMilestoneHandler
{
    public static Task Handle(InternshipAgreementSigned message, IDocumentSession session, CancellationToken cancellation) =>
        RecordAsync(new InternshipMilestoneRecorded(message.StudentId, message.InternshipId, message.BranchStationId, InternshipProgress.Agreed,
            message.StartDate, null, message.SignedAt), session, cancellation);

    public static Task Handle(InternshipStarted message, IDocumentSession session, CancellationToken cancellation) =>
        RecordAsync(new InternshipMilestoneRecorded(message.StudentId, message.InternshipId, message.BranchStationId, InternshipProgress.Started,
            message.StartedOn, null, message.RecordedAt), session, cancellation);

    public static Task Handle(InternshipCompleted message, IDocumentSession session, CancellationToken cancellation) =>
        RecordAsync(new InternshipMilestoneRecorded(message.StudentId, message.InternshipId, message.BranchStationId, InternshipProgress.Completed,
            message.EndedOn, message.CertificateNumber, message.CompletedAt), session, cancellation);

    public static Task Handle(InternshipTerminated message, IDocumentSession session, CancellationToken cancellation) =>
        RecordAsync(new InternshipMilestoneRecorded(message.StudentId, message.InternshipId, message.BranchStationId, InternshipProgress.Terminated,
            message.EndedOn, null, message.TerminatedAt), session, cancellation);

    private static async Task RecordAsync(InternshipMilestoneRecorded milestone, IDocumentSession session, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<StudentRecord>(milestone.StudentId, cancellation);
        if (student.Aggregate is not { } record)
        {
            throw new NotYetKnownException($"Student {milestone.StudentId}");
        }

        var known = record.Internships.Find(internship => internship.InternshipId == milestone.InternshipId);
        if (known is not null && known.Progress >= milestone.Progress)
        {
            return;
        }

        student.AppendOne(milestone);
    }
}
