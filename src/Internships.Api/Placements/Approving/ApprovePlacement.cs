using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Placements.Approving;

public static class ApprovePlacementEndpoint
{
    [WolverinePost("/api/placements/{id}/approval", Name = "ApprovePlacement")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Approve a placement: it opens for intentions")]
    public static (IResult, Events) Post([WriteAggregate] Placement placement, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        Placement.Decide.Approve(placement, clock.GetUtcNow()).Respond(request, response, placement.Version);
}
