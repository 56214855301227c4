using System.Security.Claims;
using Internships.BranchStations;
using Internships.Placements.Getting;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace Internships.Placements.Listing;

public static class ListPlacementsEndpoint
{
    public static ProblemDetails Validate(int? limit, string? cursor) => Paging.Check(limit, cursor);

    /// <summary>
    /// Placements in the order they were posted, optionally of one branch station and in one state (e.g. the open
    /// ones, with their slots left). A company lists its own branch station's only.
    /// </summary>
    [WolverineGet("/api/placements", Name = "ListPlacements")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company, PartnerRole.University, PartnerRole.ExitEntryOfficer, PartnerRole.Analyst,
        PartnerRole.Applicant)]
    [EndpointSummary("List placements a page at a time (pass nextCursor back as cursor)")]
    public static async Task<Page<PlacementDetails>?> Get(
        Guid? branchStationId, PlacementState? state, string? cursor, int? limit, ClaimsPrincipal user, IQuerySession session,
        CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (partner.Role == PartnerRole.Company)
        {
            if (branchStationId is not null && !partner.ActsForBranchStation(branchStationId.Value))
            {
                return null;
            }

            branchStationId = partner.ScopeId;
        }

        IQueryable<Placement> placements = session.Query<Placement>();
        if (branchStationId is { } station)
        {
            placements = placements.Where(placement => placement.BranchStationId == station);
        }

        if (state is { } wanted)
        {
            placements = placements.Where(placement => placement.State == wanted);
        }

        var page = await placements.ReadPageAsync(placement => placement.Id, cursor, limit, cancellation);
        return new Page<PlacementDetails>(page.Items.Select(PlacementDetails.Of).ToList(), page.NextCursor);
    }
}
