using Marten;
using StudentBase.Contracts;

namespace Subsidies.Students.RecordingStudent;

/// <summary>
/// Consumes the internship milestones the Internships service publishes: completed internships are supporting facts
/// for subsidy eligibility. A redelivered message, or one older than what is recorded, changes nothing.
/// </summary>
public static partial class RecordInternshipMilestoneHandler
{
    public static Task Handle(InternshipAgreementSigned message, IDocumentSession session, ILogger logger, CancellationToken cancellation) =>
        RecordAsync(new InternshipMilestoneRecorded(message.StudentId, message.InternshipId, message.BranchStationId, InternshipProgress.Agreed,
            message.StartDate, null, message.SignedAt), session, logger, cancellation);

    public static Task Handle(InternshipStarted message, IDocumentSession session, ILogger logger, CancellationToken cancellation) =>
        RecordAsync(new InternshipMilestoneRecorded(message.StudentId, message.InternshipId, message.BranchStationId, InternshipProgress.Started,
            message.StartedOn, null, message.RecordedAt), session, logger, cancellation);

    public static Task Handle(InternshipCompleted message, IDocumentSession session, ILogger logger, CancellationToken cancellation) =>
        RecordAsync(new InternshipMilestoneRecorded(message.StudentId, message.InternshipId, message.BranchStationId, InternshipProgress.Completed,
            message.EndedOn, message.CertificateNumber, message.CompletedAt), session, logger, cancellation);

    public static Task Handle(InternshipTerminated message, IDocumentSession session, ILogger logger, CancellationToken cancellation) =>
        RecordAsync(new InternshipMilestoneRecorded(message.StudentId, message.InternshipId, message.BranchStationId, InternshipProgress.Terminated,
            message.EndedOn, null, message.TerminatedAt), session, logger, cancellation);

    private static async Task RecordAsync(InternshipMilestoneRecorded milestone, IDocumentSession session, ILogger logger, CancellationToken cancellation)
    {
        var student = await session.Events.FetchForWriting<StudentRecord>(milestone.StudentId, cancellation);
        if (student.Aggregate is not { } record)
        {
            LogUnknownStudent(logger, milestone.StudentId);
            return;
        }

        var known = record.Internships.Find(internship => internship.InternshipId == milestone.InternshipId);
        if (known is not null && known.Progress >= milestone.Progress)
        {
            return;
        }

        student.AppendOne(milestone);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An internship milestone arrived for student {StudentId}, who is not recorded here; it is ignored")]
    private static partial void LogUnknownStudent(ILogger logger, Guid studentId);
}
