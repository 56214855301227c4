using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;

namespace Internships.Students.ListingStudents;

/// <summary>A student in a list.</summary>
/// <param name="FullName">Null once the student's personal data has been erased, or for roles that may not see personal data.</param>
public record StudentSummary(
    Guid Id,
    Guid UniversityId,
    [PersonalData] string? FullName,
    string Nationality,
    string Programme,
    DegreeLevel DegreeLevel,
    DateOnly ExpectedGraduation,
    int Version)
{
    public static StudentSummary Example { get; } = new(
        Guid.Parse("0196f0c4-1111-7000-8000-000000000001"), Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "Daniel Smith", "GB",
        "Business Chinese (经贸汉语)", DegreeLevel.Bachelor, new DateOnly(2025, 6, 30), 1);
}

public static class ListStudentsEndpoint
{
    public static ProblemDetails Validate(int? limit, string? cursor) => Paging.Check(limit, cursor);

    /// <summary>
    /// Students in registration order, a page at a time. A university lists its own students (naming another
    /// university is a 404); the base, the exit-entry administration and analysts list any university's, or all.
    /// </summary>
    [WolverineGet("/api/students", Name = "ListStudents")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.ExitEntryOfficer, PartnerRole.Analyst)]
    [EndpointSummary("List students a page at a time (pass nextCursor back as cursor)")]
    public static async Task<Page<StudentSummary>?> Get(
        Guid? universityId, string? cursor, int? limit, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (partner.Role == PartnerRole.University)
        {
            if (universityId is not null && universityId != partner.ScopeId)
            {
                return null;
            }

            universityId = partner.ScopeId;
        }

        IQueryable<Student> students = session.Query<Student>();
        if (universityId is { } university)
        {
            students = students.Where(student => student.UniversityId == university);
        }

        var page = await students.ReadPageAsync(student => student.Id, cursor, limit, cancellation);
        var keys = partner.MaySeePersonalData()
            ? await session.KeysForAsync(page.Items.Select(student => student.Id), cancellation)
            : new Dictionary<Guid, PersonalDataKey>();
        return new Page<StudentSummary>(
            page.Items.Select(student => new StudentSummary(student.Id, student.UniversityId,
                keys.GetValueOrDefault(student.Id)?.Reveal(student.EncryptedFullName), student.Nationality,
                student.Programme, student.DegreeLevel, student.ExpectedGraduation, student.Version)).ToList(),
            page.NextCursor);
    }
}
