using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.BranchStations.Revoking;

public static class RevokeBranchStationEndpoint
{
    public static ProblemDetails Validate(StandingChange command) => StandingChange.Validator.Instance.Check(command);

    [WolverinePost("/api/branch-stations/{id}/revocation", Name = "RevokeBranchStation")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Revoke a branch station's designation for good")]
    public static (IResult, Events) Post(
        StandingChange command, [WriteAggregate] BranchStation station, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        BranchStation.Decide.Revoke(station, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, station.Version);
}
