using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace Events.HostCompanies.Listing;

public record HostCompanySummary(Guid Id, string Name, BranchStationStanding Standing, DateTimeOffset ChangedAt)
{
    public static HostCompanySummary Example { get; } = new(
        Guid.Parse("0196f0c4-0000-7000-8000-00000000b001"), "Xiamen Paoyou Network Technology Co., Ltd. (厦门泡游网络科技有限公司)",
        BranchStationStanding.Active, new DateTimeOffset(2022, 6, 1, 15, 0, 0, TimeSpan.FromHours(8)));
}

public static class ListHostCompaniesEndpoint
{
    public static ProblemDetails Validate(int? limit, string? cursor) => Paging.Check(limit, cursor);

    [WolverineGet("/api/host-companies", Name = "ListHostCompanies")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Analyst)]
    [EndpointSummary("The branch stations hosting the programme (e.g. for company visits), as the Internships service reported them")]
    public static async Task<Page<HostCompanySummary>> Get(
        BranchStationStanding? standing, string? cursor, int? limit, IQuerySession session, CancellationToken cancellation)
    {
        IQueryable<HostCompany> companies = session.Query<HostCompany>();
        if (standing is { } wanted)
        {
            companies = companies.Where(company => company.Standing == wanted);
        }

        var page = await companies.ReadPageAsync(company => company.Id, cursor, limit, cancellation);
        return new Page<HostCompanySummary>(
            page.Items.Select(company => new HostCompanySummary(company.Id, company.Name, company.Standing, company.ChangedAt)).ToList(), page.NextCursor);
    }
}
