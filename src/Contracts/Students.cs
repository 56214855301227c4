using StudentBase.PersonalData;

namespace StudentBase.Contracts;

public enum DegreeLevel
{
    NonDegree = 1,
    Bachelor = 2,
    Master = 3,
    Doctorate = 4,
}

/// <summary>
/// Published by the Internships service when a university has registered an international student.
/// Carries no personal data beyond what consumers need (never the passport number).
/// </summary>
/// <param name="StudentId">The student's id, shared by every service.</param>
/// <param name="Nationality">ISO 3166-1 alpha-2 country code.</param>
public record StudentRegistered(
    Guid StudentId,
    Guid UniversityId,
    [PersonalData] string FullName,
    string Nationality,
    string Programme,
    DegreeLevel DegreeLevel,
    DateOnly EnrolledOn,
    DateOnly ExpectedGraduation,
    DateTimeOffset RegisteredAt);

/// <summary>
/// Published by the Internships service when a student's record was corrected. Carries the record's values after
/// the correction, so a consumer that only keeps current values can apply it as it is.
/// </summary>
public record StudentRecordCorrected(
    Guid StudentId,
    [PersonalData] string FullName,
    string Programme,
    DegreeLevel DegreeLevel,
    DateOnly ExpectedGraduation,
    DateTimeOffset CorrectedAt);
