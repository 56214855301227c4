using StudentBase.Contracts;
using StudentBase.PersonalData;

namespace Subsidies.Students;

/// <summary>
/// The Internships service registered a student: a fact later used to assess subsidy eligibility. The name is sealed with the
/// student's key, which Internships shares (<see cref="StudentBase.Contracts.PersonalDataKeyShared"/>) and erasure destroys.
/// </summary>
/// <param name="FullName">Only in events stored before names were sealed, until the sealing command seals it: classified, so every view masks it.</param>
public record StudentRecorded(
    Guid StudentId,
    Guid UniversityId,
    [PersonalData] string EncryptedFullName,
    string Nationality,
    DegreeLevel DegreeLevel,
    DateOnly ExpectedGraduation,
    DateTimeOffset RegisteredAt,
    [PersonalData] string? FullName = null);

/// <summary>The Internships service corrected the student's record.</summary>
/// <param name="FullName">Only in events stored before names were sealed, until the sealing command seals it: classified, so every view masks it.</param>
public record StudentDetailsCorrected(
    Guid StudentId, [PersonalData] string EncryptedFullName, DegreeLevel DegreeLevel, DateOnly ExpectedGraduation, DateTimeOffset CorrectedAt,
    [PersonalData] string? FullName = null);

/// <summary>The Internships service reported the end of the student's residence permit (at registration, on a correction or a renewal).</summary>
public record ResidencePermitReported(Guid StudentId, DateOnly ValidUntil, DateTimeOffset ReportedAt);

/// <summary>The Internships service erased the student's personal data: their keys are destroyed here too.</summary>
public record StudentPersonalDataErased(Guid StudentId, DateTimeOffset ErasedAt);

public enum InternshipProgress
{
    Agreed = 1,
    Started = 2,
    Completed = 3,
    Terminated = 4,
}

/// <summary>The Internships service reported an internship milestone of the student (a supporting fact for eligibility).</summary>
public record InternshipMilestoneRecorded(
    Guid StudentId,
    Guid InternshipId,
    Guid BranchStationId,
    InternshipProgress Progress,
    DateOnly On,
    string? CertificateNumber,
    DateTimeOffset ReachedAt);

public enum ParticipationOutcome
{
    Attended = 1,
    Completed = 2,
    Awarded = 3,
    ActivityCancelled = 4,
}

/// <summary>The Events service reported what became of the student's part in an activity (supporting facts for eligibility).</summary>
public record ActivityParticipationRecorded(
    Guid StudentId, Guid ActivityId, string Title, string ActivityType, ParticipationOutcome Outcome, string? Award, DateTimeOffset ReportedAt);

/// <summary>One activity of the student as the Events service reported it.</summary>
public class ActivityOfStudent
{
    public Guid ActivityId { get; set; }
    public string Title { get; set; } = "";
    public string ActivityType { get; set; } = "";
    public List<ParticipationOutcome> Outcomes { get; set; } = [];
    public string? Award { get; set; }
}

/// <summary>One internship of the student as the Internships service reported it.</summary>
public class InternshipOfStudent
{
    public Guid InternshipId { get; set; }
    public Guid BranchStationId { get; set; }
    public InternshipProgress Progress { get; set; }
    public DateOnly? AgreedStart { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? CertificateNumber { get; set; }
}

/// <summary>What the Subsidies service knows of a student: the facts eligibility depends on.</summary>
public class StudentRecord : ISealedFullName
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid UniversityId { get; set; }
    [PersonalData]
    public string EncryptedFullName { get; set; } = "";
    public string Nationality { get; set; } = "";
    public DegreeLevel DegreeLevel { get; set; }
    public DateOnly ExpectedGraduation { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? ErasedAt { get; set; }
    public DateOnly? ResidencePermitValidUntil { get; set; }
    public DateTimeOffset? ResidencePermitReportedAt { get; set; }
    public List<InternshipOfStudent> Internships { get; set; } = [];
    public List<ActivityOfStudent> Activities { get; set; } = [];

    public static StudentRecord Create(StudentRecorded recorded) => new()
    {
        Id = recorded.StudentId,
        UniversityId = recorded.UniversityId,
        EncryptedFullName = recorded.EncryptedFullName,
        Nationality = recorded.Nationality,
        DegreeLevel = recorded.DegreeLevel,
        ExpectedGraduation = recorded.ExpectedGraduation,
        RegisteredAt = recorded.RegisteredAt,
    };

    public void Apply(ResidencePermitReported reported) =>
        (ResidencePermitValidUntil, ResidencePermitReportedAt) = (reported.ValidUntil, reported.ReportedAt);

    public void Apply(StudentDetailsCorrected corrected)
    {
        // A correction recorded before names were sealed carries none until the sealing command seals it.
        EncryptedFullName = string.IsNullOrEmpty(corrected.EncryptedFullName) ? EncryptedFullName : corrected.EncryptedFullName;
        DegreeLevel = corrected.DegreeLevel;
        ExpectedGraduation = corrected.ExpectedGraduation;
    }

    public void Apply(StudentPersonalDataErased erased) => ErasedAt = erased.ErasedAt;

    public void Apply(InternshipMilestoneRecorded recorded)
    {
        var internship = Internships.Find(existing => existing.InternshipId == recorded.InternshipId);
        if (internship is null)
        {
            internship = new InternshipOfStudent { InternshipId = recorded.InternshipId, BranchStationId = recorded.BranchStationId };
            Internships.Add(internship);
        }

        internship.Progress = recorded.Progress;
        switch (recorded.Progress)
        {
            case InternshipProgress.Agreed:
                internship.AgreedStart = recorded.On;
                break;
            case InternshipProgress.Started:
                internship.StartedOn = recorded.On;
                break;
            default:
                internship.EndedOn = recorded.On;
                internship.CertificateNumber = recorded.CertificateNumber;
                break;
        }
    }

    public void Apply(ActivityParticipationRecorded recorded)
    {
        var activity = Activities.Find(existing => existing.ActivityId == recorded.ActivityId);
        if (activity is null)
        {
            activity = new ActivityOfStudent { ActivityId = recorded.ActivityId, Title = recorded.Title, ActivityType = recorded.ActivityType };
            Activities.Add(activity);
        }

        activity.Outcomes.Add(recorded.Outcome);
        activity.Award = recorded.Award ?? activity.Award;
    }
}
