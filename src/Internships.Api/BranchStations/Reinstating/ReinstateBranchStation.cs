using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.BranchStations.Reinstating;

public static class ReinstateBranchStationEndpoint
{
    [WolverinePost("/api/branch-stations/{id}/reinstatement", Name = "ReinstateBranchStation")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Reinstate a suspended branch station")]
    public static (IResult, Events) Post([WriteAggregate] BranchStation station, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        BranchStation.Decide.Reinstate(station, clock.GetUtcNow()).Respond(request, response, station.Version);
}
