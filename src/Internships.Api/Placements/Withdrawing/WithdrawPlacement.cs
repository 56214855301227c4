using System.Security.Claims;
using Internships.BranchStations;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Placements.Withdrawing;

public static class WithdrawPlacementEndpoint
{
    public static ProblemDetails Validate(PlacementDecisionReason command) => PlacementDecisionReason.Validator.Instance.Check(command);

    /// <summary>Internships already agreed for the placement continue; no new intention can name it.</summary>
    [WolverinePost("/api/placements/{id}/withdrawal", Name = "WithdrawPlacement")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company)]
    [EndpointSummary("Withdraw a placement: it closes")]
    public static (IResult, Events) Post(
        PlacementDecisionReason command, [WriteAggregate] Placement placement, ClaimsPrincipal user, HttpRequest request,
        HttpResponse response, TimeProvider clock) =>
        user.Partner().ActsForBranchStation(placement.BranchStationId)
            ? Placement.Decide.Withdraw(placement, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, placement.Version)
            : (Results.NotFound(), []);
}
