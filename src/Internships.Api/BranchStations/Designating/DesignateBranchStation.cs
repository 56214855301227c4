using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.BranchStations.Designating;

public static class DesignateBranchStationEndpoint
{
    /// <summary>Designating an already active branch station changes nothing and answers 204, so a retry is safe.</summary>
    [WolverinePost("/api/branch-stations/{id}/designation", Name = "DesignateBranchStation")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Designate an applicant company a branch station (分站授牌)")]
    public static (IResult, Events) Post([WriteAggregate] BranchStation station, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        BranchStation.Decide.Designate(station, clock.GetUtcNow()).Respond(request, response, station.Version);
}
