using Microsoft.AspNetCore.Mvc;
using StudentBase.ServiceDefaults;
using StudentBase.ServiceDefaults.OpenApi;
using StudentBase.ServiceDefaults.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Placements.Approving;

public static class ApprovePlacementEndpoint
{
    [WolverinePost("/api/placements/{id}/approval", Name = "ApprovePlacement")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Placements")]
    [HonoursIfMatch]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [EndpointSummary("Approve a placement: it opens for intentions")]
    public static (IResult, Events) Post([WriteAggregate] Placement placement, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        Placement.Decide.Approve(placement, clock.GetUtcNow()).Respond(request, response, placement.Version);
}
