using System.Security.Claims;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Students.GettingStudent;

/// <param name="FullName">Null once the student's personal data has been erased, or for roles that may not see personal data.</param>
/// <param name="PassportNumber">Masked; null once the student's personal data has been erased, or for roles that may not see personal data.</param>
/// <param name="ErasedAt">When the base erased the student's personal data, at their request.</param>
public record StudentDetails(
    Guid Id,
    Guid UniversityId,
    [PersonalData] string? FullName,
    string Nationality,
    [PersonalData] string? PassportNumber,
    string Programme,
    DegreeLevel DegreeLevel,
    DateOnly EnrolledOn,
    DateOnly ExpectedGraduation,
    DateOnly ResidencePermitExpiry,
    DateTimeOffset NominatedAt,
    DateTimeOffset? ErasedAt,
    int Version)
{
    public static StudentDetails Example { get; } = new(
        Guid.Parse("0196f0c4-1111-7000-8000-000000000001"), Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "Daniel Smith", "GB",
        "******543", "Business Chinese (经贸汉语)", DegreeLevel.Bachelor, new DateOnly(2021, 9, 1), new DateOnly(2025, 6, 30),
        new DateOnly(2025, 8, 31), new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8)), null, 1);
}

public static class GetStudentEndpoint
{
    [WolverineGet("/api/students/{id}", Name = "GetStudent")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.ExitEntryOfficer, PartnerRole.Analyst, PartnerRole.Applicant)]
    [AnswersETag]
    [EndpointSummary("A registered student, with the passport number masked")]
    public static async Task<StudentDetails?> Get(
        [ReadAggregate] Student student, ClaimsPrincipal user, HttpResponse response, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (!partner.MaySeeStudent(student.Id, student.UniversityId))
        {
            return null;
        }

        response.SetETag(student.Version);

        var key = partner.MaySeePersonalData() ? await session.LoadAsync<PersonalDataKey>(student.Id, cancellation) : null;
        var passportNumber = key?.Reveal(student.EncryptedPassportNumber);

        return new StudentDetails(
            student.Id,
            student.UniversityId,
            key?.Reveal(student.EncryptedFullName),
            student.Nationality,
            passportNumber is null ? null : PersonalDataKeys.Mask(passportNumber),
            student.Programme,
            student.DegreeLevel,
            student.EnrolledOn,
            student.ExpectedGraduation,
            student.ResidencePermitExpiry,
            student.NominatedAt,
            student.Erasure?.ErasedAt,
            student.Version);
    }
}
