using StudentBase.Contracts;
using StudentBase.PersonalData;

namespace Internships.Students;

/// <summary>
/// A university nominated an international student. The name and the passport number are stored only encrypted with
/// the student's own key (see <see cref="PersonalDataKey"/>), so erasing the key erases them.
/// </summary>
/// <param name="FullName">Only in events stored before names were sealed, until the sealing command seals it: classified, so every view masks it.</param>
public record StudentNominated(
    Guid StudentId,
    Guid UniversityId,
    [PersonalData] string EncryptedFullName,
    string Nationality,
    [PersonalData] string EncryptedPassportNumber,
    string Programme,
    DegreeLevel DegreeLevel,
    DateOnly EnrolledOn,
    DateOnly ExpectedGraduation,
    DateOnly ResidencePermitExpiry,
    DateTimeOffset NominatedAt,
    [PersonalData] string? FullName = null);

/// <summary>A mistake in a student's record was corrected; the earlier values stay in the history.</summary>
/// <param name="FullName">Only in events stored before names were sealed, until the sealing command seals it: classified, so every view masks it.</param>
public record StudentDetailsCorrected(
    Guid StudentId,
    [PersonalData] string EncryptedFullName,
    string Programme,
    DegreeLevel DegreeLevel,
    DateOnly ExpectedGraduation,
    DateOnly ResidencePermitExpiry,
    string Reason,
    DateTimeOffset CorrectedAt,
    [PersonalData] string? FullName = null);

/// <summary>
/// The base erased the student's personal data on their request (PIPL art. 47, GDPR art. 17): their key is destroyed, so
/// their name and passport number are unreadable in every event; who erased them, when and why is kept.
/// </summary>
/// <param name="ErasedBy">The partner id of the base administrator who erased the data.</param>
public record StudentErased(Guid StudentId, string ErasedBy, string Reason, DateTimeOffset ErasedAt);

/// <summary>A residence permit granted through the one-window service (permit case <paramref name="CaseId"/>) is the student's now.</summary>
public record ResidencePermitRecorded(Guid StudentId, Guid CaseId, DateOnly ValidFrom, DateOnly ValidUntil, DateTimeOffset RecordedAt);

/// <summary>Values an earlier version stored in clear in this student's events were sealed with the student's key.</summary>
public record EarlierValuesSealed(Guid StudentId, int Values, DateTimeOffset SealedAt);

/// <summary>The student as the Internships service knows them, rebuilt from the student's events.</summary>
public class Student : ISealedFullName
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid UniversityId { get; set; }
    [PersonalData]
    public string EncryptedFullName { get; set; } = "";
    public string Nationality { get; set; } = "";
    [PersonalData]
    public string EncryptedPassportNumber { get; set; } = "";
    public string Programme { get; set; } = "";
    public DegreeLevel DegreeLevel { get; set; }
    public DateOnly EnrolledOn { get; set; }
    public DateOnly ExpectedGraduation { get; set; }
    public DateOnly ResidencePermitExpiry { get; set; }
    public DateTimeOffset NominatedAt { get; set; }
    public StudentErased? Erasure { get; set; }

    public static Student Create(StudentNominated nominated) => new()
    {
        Id = nominated.StudentId,
        UniversityId = nominated.UniversityId,
        EncryptedFullName = nominated.EncryptedFullName,
        Nationality = nominated.Nationality,
        EncryptedPassportNumber = nominated.EncryptedPassportNumber,
        Programme = nominated.Programme,
        DegreeLevel = nominated.DegreeLevel,
        EnrolledOn = nominated.EnrolledOn,
        ExpectedGraduation = nominated.ExpectedGraduation,
        ResidencePermitExpiry = nominated.ResidencePermitExpiry,
        NominatedAt = nominated.NominatedAt,
    };

    public void Apply(StudentDetailsCorrected corrected)
    {
        // A correction recorded before names were sealed carries none until the sealing command seals it.
        EncryptedFullName = string.IsNullOrEmpty(corrected.EncryptedFullName) ? EncryptedFullName : corrected.EncryptedFullName;
        Programme = corrected.Programme;
        DegreeLevel = corrected.DegreeLevel;
        ExpectedGraduation = corrected.ExpectedGraduation;
        ResidencePermitExpiry = corrected.ResidencePermitExpiry;
    }

    public void Apply(StudentErased erased) => Erasure = erased;

    public void Apply(ResidencePermitRecorded recorded) => ResidencePermitExpiry = recorded.ValidUntil;
}
