using System.Security.Claims;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Students.GettingStudent;

/// <summary>What the Subsidies service knows of a student: the facts eligibility depends on.</summary>
/// <param name="FullName">Null once the student's personal data has been erased, or for roles that may not see personal data.</param>
/// <param name="ErasedAt">When the base erased the student's personal data, at their request.</param>
/// <param name="ResidencePermitValidUntil">The end of the residence permit Internships last reported; null before any report.</param>
public record StudentRecordDetails(
    Guid Id,
    Guid UniversityId,
    [PersonalData] string? FullName,
    string Nationality,
    DegreeLevel DegreeLevel,
    DateOnly ExpectedGraduation,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ErasedAt,
    IReadOnlyList<InternshipOfStudent> Internships,
    IReadOnlyList<ActivityOfStudent> Activities,
    DateOnly? ResidencePermitValidUntil,
    int Version)
{
    public static StudentRecordDetails Example { get; } = new(
        Guid.Parse("0196f0c4-1111-7000-8000-000000000001"), Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "Daniel Smith", "GB",
        DegreeLevel.Bachelor, new DateOnly(2025, 6, 30), new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8)), null, [], [], new DateOnly(2027, 6, 30), 1);
}

public static class GetStudentEndpoint
{
    [WolverineGet("/api/students/{id}", Name = "GetStudentRecord")]
    [AnswersETag]
    [EndpointSummary("A student's record as the Subsidies service holds it (fed by the Internships service)")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.SubsidyReviewer, PartnerRole.Finance, PartnerRole.Analyst, PartnerRole.Applicant)]
    public static async Task<StudentRecordDetails?> Get(
        [ReadAggregate] StudentRecord student, ClaimsPrincipal user, HttpResponse response, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (!partner.MaySeeStudent(student.Id, student.UniversityId))
        {
            return null;
        }

        response.SetETag(student.Version);
        var fullName = partner.MaySeePersonalData() ? await session.RevealAsync(student.Id, student.EncryptedFullName, cancellation) : null;
        return new StudentRecordDetails(student.Id, student.UniversityId, fullName, student.Nationality, student.DegreeLevel,
            student.ExpectedGraduation, student.RegisteredAt, student.ErasedAt, student.Internships, student.Activities, student.ResidencePermitValidUntil,
            student.Version);
    }
}
