using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace Internships.Universities.Listing;

/// <summary>A university in a list: no personal data.</summary>
public record UniversitySummary(Guid Id, string Name, string City)
{
    public static UniversitySummary Example { get; } = new(Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "Xiamen University (厦门大学)", "Xiamen");
}

public static class ListUniversitiesEndpoint
{
    public static ProblemDetails Validate(int? limit, string? cursor) => Paging.Check(limit, cursor);

    [WolverineGet("/api/universities", Name = "ListUniversities")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Company, PartnerRole.ExitEntryOfficer, PartnerRole.Analyst,
        PartnerRole.Applicant)]
    [EndpointSummary("List the partner universities a page at a time")]
    public static async Task<Page<UniversitySummary>> Get(string? cursor, int? limit, IQuerySession session, CancellationToken cancellation)
    {
        var page = await session.Query<University>().ReadPageAsync(university => university.Id, cursor, limit, cancellation);
        return new Page<UniversitySummary>(
            page.Items.Select(university => new UniversitySummary(university.Id, university.Name, university.City)).ToList(), page.NextCursor);
    }
}
