using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Placements.SendingBack;

public static class SendBackPlacementEndpoint
{
    public static ProblemDetails Validate(PlacementDecisionReason command) => PlacementDecisionReason.Validator.Instance.Check(command);

    [WolverinePost("/api/placements/{id}/send-back", Name = "SendBackPlacement")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Send a placement back to its branch station with the reason")]
    public static (IResult, Events) Post(
        PlacementDecisionReason command, [WriteAggregate] Placement placement, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        Placement.Decide.SendBack(placement, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, placement.Version);
}
