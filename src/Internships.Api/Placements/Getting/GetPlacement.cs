using System.Security.Claims;
using Internships.BranchStations;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Placements.Getting;

/// <param name="StateReason">Why it was sent back or withdrawn.</param>
public record PlacementDetails(
    Guid Id, Guid BranchStationId, PlacementOffer Offer, PlacementState State, string? StateReason, int SlotsLeft, DateTimeOffset PostedAt, int Version)
{
    public static PlacementDetails Example { get; } = new(
        Guid.Parse("0196f0c4-3333-7000-8000-000000000001"), Guid.Parse("0196f0c4-0000-7000-8000-00000000b001"), PlacementOffer.Example,
        PlacementState.Open, null, 2, new DateTimeOffset(2024, 5, 20, 10, 0, 0, TimeSpan.FromHours(8)), 2);

    public static PlacementDetails Of(Placement placement) => new(
        placement.Id, placement.BranchStationId, placement.Offer, placement.State, placement.StateReason, placement.SlotsLeft, placement.PostedAt,
        placement.Version);
}

public static class GetPlacementEndpoint
{
    /// <summary>A company sees its own branch station's placements only.</summary>
    [WolverineGet("/api/placements/{id}", Name = "GetPlacement")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company, PartnerRole.University, PartnerRole.ExitEntryOfficer, PartnerRole.Analyst,
        PartnerRole.Applicant)]
    [AnswersETag]
    [EndpointSummary("A placement, its state and the slots left")]
    public static PlacementDetails? Get([ReadAggregate] Placement placement, ClaimsPrincipal user, HttpResponse response)
    {
        var partner = user.Partner();
        if (partner.Role == PartnerRole.Company && !partner.ActsForBranchStation(placement.BranchStationId))
        {
            return null;
        }

        response.SetETag(placement.Version);
        return PlacementDetails.Of(placement);
    }
}
