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
