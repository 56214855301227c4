namespace StudentBase.Contracts;

/// <summary>Published by the Internships service when the student, the company and the university have all signed the agreement.</summary>
public record InternshipAgreementSigned(
    Guid InternshipId,
    Guid StudentId,
    Guid UniversityId,
    Guid BranchStationId,
    Guid PlacementId,
    DateOnly StartDate,
    DateOnly EndDate,
    DateTimeOffset SignedAt);

/// <summary>Published by the Internships service when an internship started (after the residence-permit endorsement).</summary>
public record InternshipStarted(Guid InternshipId, Guid StudentId, Guid BranchStationId, DateOnly StartedOn, DateTimeOffset RecordedAt);

/// <summary>Published by the Internships service when an internship was completed and its certificate issued.</summary>
public record InternshipCompleted(
    Guid InternshipId,
    Guid StudentId,
    Guid UniversityId,
    Guid BranchStationId,
    DateOnly StartedOn,
    DateOnly EndedOn,
    string CertificateNumber,
    DateTimeOffset CompletedAt);

/// <summary>Published by the Internships service when an agreed internship ended early; the reason stays in Internships.</summary>
/// <param name="EndedBy">Student, Company, University or Base.</param>
public record InternshipTerminated(Guid InternshipId, Guid StudentId, Guid BranchStationId, string EndedBy, DateOnly EndedOn, DateTimeOffset TerminatedAt);
