using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.BranchStations.Suspending;

public static class SuspendBranchStationEndpoint
{
    public static ProblemDetails Validate(StandingChange command) => StandingChange.Validator.Instance.Check(command);

    [WolverinePost("/api/branch-stations/{id}/suspension", Name = "SuspendBranchStation")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Suspend a branch station: it signs nothing new; running internships continue")]
    public static (IResult, Events) Post(
        StandingChange command, [WriteAggregate] BranchStation station, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        BranchStation.Decide.Suspend(station, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, station.Version);
}
