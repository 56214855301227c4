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
/// Carries no personal data beyond what consumers need (never the passport number), and that only encrypted with the
/// student's key (<see cref="PersonalDataKeyShared"/>).
/// </summary>
/// <param name="StudentId">The student's id, shared by every service.</param>
/// <param name="EncryptedFullName">The name, encrypted with the student's key.</param>
/// <param name="Nationality">ISO 3166-1 alpha-2 country code.</param>
public record StudentRegistered(
    Guid StudentId,
    Guid UniversityId,
    [PersonalData] string EncryptedFullName,
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
    [PersonalData] string EncryptedFullName,
    string Programme,
    DegreeLevel DegreeLevel,
    DateOnly ExpectedGraduation,
    DateTimeOffset CorrectedAt);

/// <summary>
/// Published by the Internships service whenever a student's residence permit is known anew: at registration, on a
/// correction, and when the one-window service records a permit granted. Subsidies judges "holds a valid residence permit"
/// on it.
/// </summary>
public record ResidencePermitChanged(Guid StudentId, DateOnly ValidUntil, DateTimeOffset ChangedAt);

/// <summary>
/// Published by the Internships service with a data subject's key, before any message carrying personal values encrypted
/// with it: a consumer keeps the key beside its copies of those values, until the subject's data is erased.
/// </summary>
/// <param name="SealEarlierCopies">Sent by the sealing of earlier records: the consumer also seals what it kept in clear.</param>
public record PersonalDataKeyShared(Guid SubjectId, [Secret] byte[] Key, DateTimeOffset SharedAt, bool SealEarlierCopies = false);

/// <summary>
/// Published by the Internships service when the base erased a student's personal data: every consumer destroys its keys for
/// the student (and for the student's own records, such as a subsidy application's founder data), so nothing of the person
/// can be read anywhere again; the non-personal facts stay.
/// </summary>
public record StudentPersonalDataErased(Guid StudentId, DateTimeOffset ErasedAt);
