using System.Security.Claims;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Students.GettingStudent;

/// <param name="FullName">Null once the student's personal data has been erased, or for roles that may not see personal data.</param>
/// <param name="ExpectedGraduation">Decides whether the student still counts as studying on an activity's day.</param>
/// <param name="ErasedAt">When the base erased the student's personal data, at their request.</param>
public record StudentDetails(
    Guid Id,
    Guid UniversityId,
    [PersonalData] string? FullName,
    string Nationality,
    string Programme,
    DegreeLevel DegreeLevel,
    DateOnly? ExpectedGraduation,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ErasedAt,
    int Version)
{
    public static StudentDetails Example { get; } = new(
        Guid.Parse("0196f0c4-1111-7000-8000-000000000001"), Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "Daniel Smith", "GB",
        "Business Chinese (经贸汉语)", DegreeLevel.Bachelor, new DateOnly(2025, 6, 30), new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8)),
        null, 1);
}

public static class GetStudentEndpoint
{
    [WolverineGet("/api/students/{id}", Name = "GetStudent")]
    [AnswersETag]
    [EndpointSummary("A student known to the Events service (fed by the Internships service)")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Analyst, PartnerRole.Applicant)]
    public static async Task<StudentDetails?> Get(
        [ReadAggregate] Student student, ClaimsPrincipal user, HttpResponse response, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (!partner.MaySeeStudent(student.Id, student.UniversityId))
        {
            return null;
        }

        response.SetETag(student.Version);
        var fullName = partner.MaySeePersonalData() ? await session.RevealAsync(student.Id, student.EncryptedFullName, cancellation) : null;
        return new StudentDetails(student.Id, student.UniversityId, fullName, student.Nationality, student.Programme, student.DegreeLevel,
            student.ExpectedGraduation, student.RegisteredAt, student.ErasedAt, student.Version);
    }
}
