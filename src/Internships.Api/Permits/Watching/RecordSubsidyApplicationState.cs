using Marten;
using StudentBase.Contracts;

namespace Internships.Permits.Watching;

/// <summary>Subsidies reported a subsidy application's state after a change (<see cref="SubsidyApplicationStateChanged"/>).</summary>
/// <param name="Version">The application's version in Subsidies after the change.</param>
public record SubsidyApplicationStateReported(Guid ApplicationId, Guid ApplicantId, string State, bool InProgress, long Version, DateTimeOffset ChangedAt);

/// <summary>A subsidy application as Internships knows it: whose it is and whether it still runs (one stream per application).</summary>
public class ReportedSubsidyApplication
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid ApplicantId { get; set; }
    public string State { get; set; } = "";
    public bool InProgress { get; set; }
    public long ReportedVersion { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    public static ReportedSubsidyApplication Create(SubsidyApplicationStateReported reported)
    {
        var application = new ReportedSubsidyApplication { Id = reported.ApplicationId, ApplicantId = reported.ApplicantId };
        application.Apply(reported);
        return application;
    }

    public void Apply(SubsidyApplicationStateReported reported) =>
        (State, InProgress, ReportedVersion, ChangedAt) = (reported.State, reported.InProgress, reported.Version, reported.ChangedAt);
}

/// <summary>
/// Consumes <see cref="SubsidyApplicationStateChanged"/>: a report is kept unless one of the same or a later version of the
/// application was kept before (a repeated or overtaken message changes nothing).
/// </summary>
public static class RecordSubsidyApplicationStateHandler
{
    public static async Task Handle(SubsidyApplicationStateChanged message, IDocumentSession session, CancellationToken cancellation)
    {
        var application = await session.Events.FetchForWriting<ReportedSubsidyApplication>(message.ApplicationId, cancellation);
        if (application.Aggregate?.ReportedVersion >= message.Version)
        {
            return;
        }

        application.AppendOne(new SubsidyApplicationStateReported(message.ApplicationId, message.ApplicantId, message.State, message.InProgress,
            message.Version, message.ChangedAt));
    }
}
