using StudentBase.Contracts;
using StudentBase.PersonalData;

namespace Events.Students;

/// <summary>The Internships service registered a student: from now on they may register for activities.</summary>
public record StudentRecorded(
    Guid StudentId,
    Guid UniversityId,
    [PersonalData] string FullName,
    string Nationality,
    string Programme,
    DegreeLevel DegreeLevel,
    DateTimeOffset RegisteredAt,
    DateOnly? ExpectedGraduation = null);

/// <summary>The Internships service corrected the student's record.</summary>
public record StudentDetailsCorrected(
    Guid StudentId, [PersonalData] string FullName, string Programme, DegreeLevel DegreeLevel, DateTimeOffset CorrectedAt, DateOnly? ExpectedGraduation = null);

/// <summary>A student of a partner university, as the Events service needs to know them.</summary>
public class Student
{
    public static Student Example { get; } = new()
    {
        Id = Guid.Parse("0196f0c4-1111-7000-8000-000000000001"),
        Version = 1,
        UniversityId = Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"),
        FullName = "Daniel Smith",
        Nationality = "GB",
        Programme = "Business Chinese (经贸汉语)",
        DegreeLevel = DegreeLevel.Bachelor,
        RegisteredAt = new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8)),
        ExpectedGraduation = new DateOnly(2025, 6, 30),
    };

    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid UniversityId { get; set; }
    [PersonalData]
    public string FullName { get; set; } = "";
    public string Nationality { get; set; } = "";
    public string Programme { get; set; } = "";
    public DegreeLevel DegreeLevel { get; set; }

    /// <summary>Decides whether the student still counts as studying on an activity's day.</summary>
    public DateOnly? ExpectedGraduation { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public static Student Create(StudentRecorded recorded) => new()
    {
        Id = recorded.StudentId,
        UniversityId = recorded.UniversityId,
        FullName = recorded.FullName,
        Nationality = recorded.Nationality,
        Programme = recorded.Programme,
        DegreeLevel = recorded.DegreeLevel,
        RegisteredAt = recorded.RegisteredAt,
        ExpectedGraduation = recorded.ExpectedGraduation,
    };

    public void Apply(StudentDetailsCorrected corrected)
    {
        FullName = corrected.FullName;
        Programme = corrected.Programme;
        DegreeLevel = corrected.DegreeLevel;
        ExpectedGraduation = corrected.ExpectedGraduation ?? ExpectedGraduation;
    }
}
