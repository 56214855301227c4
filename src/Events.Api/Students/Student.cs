using StudentBase.Contracts;
using StudentBase.PersonalData;

namespace Events.Students;

/// <summary>
/// The Internships service registered a student: from now on they may register for activities. The name is sealed with the
/// student's key, which Internships shares (<see cref="StudentBase.Contracts.PersonalDataKeyShared"/>) and erasure destroys.
/// </summary>
/// <param name="FullName">Only in events stored before names were sealed, until the sealing command seals it: classified, so every view masks it.</param>
public record StudentRecorded(
    Guid StudentId,
    Guid UniversityId,
    [PersonalData] string EncryptedFullName,
    string Nationality,
    string Programme,
    DegreeLevel DegreeLevel,
    DateTimeOffset RegisteredAt,
    DateOnly? ExpectedGraduation = null,
    [PersonalData] string? FullName = null);

/// <summary>The Internships service corrected the student's record.</summary>
/// <param name="FullName">Only in events stored before names were sealed, until the sealing command seals it: classified, so every view masks it.</param>
public record StudentDetailsCorrected(
    Guid StudentId, [PersonalData] string EncryptedFullName, string Programme, DegreeLevel DegreeLevel, DateTimeOffset CorrectedAt, DateOnly? ExpectedGraduation = null,
    [PersonalData] string? FullName = null);

/// <summary>The Internships service erased the student's personal data: their key is destroyed here too.</summary>
public record StudentPersonalDataErased(Guid StudentId, DateTimeOffset ErasedAt);

/// <summary>A student of a partner university, as the Events service needs to know them.</summary>
public class Student : ISealedFullName
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid UniversityId { get; set; }
    [PersonalData]
    public string EncryptedFullName { get; set; } = "";
    public string Nationality { get; set; } = "";
    public string Programme { get; set; } = "";
    public DegreeLevel DegreeLevel { get; set; }

    /// <summary>Decides whether the student still counts as studying on an activity's day.</summary>
    public DateOnly? ExpectedGraduation { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset? ErasedAt { get; set; }

    public static Student Create(StudentRecorded recorded) => new()
    {
        Id = recorded.StudentId,
        UniversityId = recorded.UniversityId,
        EncryptedFullName = recorded.EncryptedFullName,
        Nationality = recorded.Nationality,
        Programme = recorded.Programme,
        DegreeLevel = recorded.DegreeLevel,
        RegisteredAt = recorded.RegisteredAt,
        ExpectedGraduation = recorded.ExpectedGraduation,
    };

    public void Apply(StudentDetailsCorrected corrected)
    {
        // A correction recorded before names were sealed carries none until the sealing command seals it.
        EncryptedFullName = string.IsNullOrEmpty(corrected.EncryptedFullName) ? EncryptedFullName : corrected.EncryptedFullName;
        Programme = corrected.Programme;
        DegreeLevel = corrected.DegreeLevel;
        ExpectedGraduation = corrected.ExpectedGraduation ?? ExpectedGraduation;
    }

    public void Apply(StudentPersonalDataErased erased) => ErasedAt = erased.ErasedAt;
}
