namespace StudentBase.Contracts;

/// <summary>Published by the Subsidies service when the base approved a startup subsidy.</summary>
/// <param name="Amount">CNY.</param>
public record SubsidyApproved(Guid ApplicationId, Guid ApplicantId, decimal Amount, string PolicyVersion, int Instalments, DateTimeOffset ApprovedAt);

/// <summary>Published by the Subsidies service when the base rejected an application; the reasons stay in Subsidies.</summary>
public record SubsidyRejected(Guid ApplicationId, Guid ApplicantId, DateTimeOffset RejectedAt);

/// <summary>Published by the Subsidies service when finance released an instalment.</summary>
/// <param name="Amount">CNY.</param>
public record SubsidyInstalmentReleased(Guid ApplicationId, Guid ApplicantId, int Instalment, decimal Amount, DateTimeOffset ReleasedAt);

/// <summary>Published by the Subsidies service when the base terminated a grant.</summary>
public record SubsidyTerminated(Guid ApplicationId, Guid ApplicantId, decimal Paid, DateTimeOffset TerminatedAt);

/// <summary>
/// Published by the Subsidies service whenever an application's state changes after its first submission (assessed,
/// returned, approved, rejected, terminated, closed), so Internships' permit watch knows whose residence permit a running
/// application needs. <paramref name="Version"/> is the application's version after the change: a report older than the one
/// kept is stale (messages may arrive out of order).
/// </summary>
/// <param name="State">Eligible, Ineligible, Returned, Approved, Rejected, Terminated or Closed.</param>
/// <param name="InProgress">
/// Whether the application still runs: waiting for review or a decision, returned for changes, or a grant still being paid.
/// An ineligible, rejected, terminated or closed one does not.
/// </param>
public record SubsidyApplicationStateChanged(Guid ApplicationId, Guid ApplicantId, string State, bool InProgress, long Version, DateTimeOffset ChangedAt);
