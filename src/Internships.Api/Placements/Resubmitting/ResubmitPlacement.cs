using System.Security.Claims;
using Internships.BranchStations;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Placements.Resubmitting;

public static class ResubmitPlacementEndpoint
{
    public static ProblemDetails Validate(PlacementOffer command) => PlacementOffer.Validator.Instance.Check(command);

    [WolverinePost("/api/placements/{id}/resubmission", Name = "ResubmitPlacement")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company)]
    [EndpointSummary("Resubmit a placement the base sent back, changed as asked")]
    public static (IResult, Events) Post(
        PlacementOffer command, [WriteAggregate] Placement placement, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        user.Partner().ActsForBranchStation(placement.BranchStationId)
            ? Placement.Decide.Resubmit(placement, command.Trimmed(), clock.GetUtcNow()).Respond(request, response, placement.Version)
            : (Results.NotFound(), []);
}
