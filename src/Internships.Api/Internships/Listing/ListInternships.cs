using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace Internships.Internships.Listing;

public record InternshipSummary(
    Guid Id, Guid StudentId, Guid UniversityId, Guid BranchStationId, Guid PlacementId, InternshipState State, DateOnly? StartDate, DateOnly? EndDate,
    int Version)
{
    public static InternshipSummary Example { get; } = new(
        Guid.Parse("0196f0c4-4444-7000-8000-000000000001"), Guid.Parse("0196f0c4-1111-7000-8000-000000000001"),
        Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), Guid.Parse("0196f0c4-0000-7000-8000-00000000b001"),
        Guid.Parse("0196f0c4-3333-7000-8000-000000000001"), InternshipState.Started, new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), 9);
}

public static class ListInternshipsEndpoint
{
    public static ProblemDetails Validate(int? limit, string? cursor) => Paging.Check(limit, cursor);

    /// <summary>
    /// Internships in the order their intentions were recorded, by student, branch station, university and state. A
    /// university lists its students' internships, a company its branch station's, a student their own; naming anyone
    /// else's is a 404.
    /// </summary>
    [WolverineGet("/api/internships", Name = "ListInternships")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Company, PartnerRole.Applicant, PartnerRole.ExitEntryOfficer,
        PartnerRole.Analyst)]
    [EndpointSummary("List internships by student, branch station, university or state, a page at a time")]
    public static async Task<Page<InternshipSummary>?> Get(
        Guid? studentId, Guid? branchStationId, Guid? universityId, InternshipState? state, string? cursor, int? limit, ClaimsPrincipal user,
        IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        switch (partner.Role)
        {
            case PartnerRole.University when universityId is null || universityId == partner.ScopeId:
                universityId = partner.ScopeId;
                break;
            case PartnerRole.Company when branchStationId is null || branchStationId == partner.ScopeId:
                branchStationId = partner.ScopeId;
                break;
            case PartnerRole.Applicant when studentId is null || studentId == partner.ScopeId:
                studentId = partner.ScopeId;
                break;
            case PartnerRole.University or PartnerRole.Company or PartnerRole.Applicant:
                return null;
        }

        IQueryable<Internship> internships = session.Query<Internship>();
        if (studentId is { } student)
        {
            internships = internships.Where(internship => internship.StudentId == student);
        }

        if (branchStationId is { } station)
        {
            internships = internships.Where(internship => internship.BranchStationId == station);
        }

        if (universityId is { } university)
        {
            internships = internships.Where(internship => internship.UniversityId == university);
        }

        if (state is { } wanted)
        {
            internships = internships.Where(internship => internship.State == wanted);
        }

        var page = await internships.ReadPageAsync(internship => internship.Id, cursor, limit, cancellation);
        return new Page<InternshipSummary>(
            page.Items.Select(internship => new InternshipSummary(internship.Id, internship.StudentId, internship.UniversityId,
                internship.BranchStationId, internship.PlacementId, internship.State, internship.Terms?.StartDate, internship.Terms?.EndDate,
                internship.Version)).ToList(),
            page.NextCursor);
    }
}
