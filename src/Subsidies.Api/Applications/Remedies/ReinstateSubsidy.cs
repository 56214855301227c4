using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Remedies;

public static class ReinstateSubsidy
{
    public static Decision Decide(SubsidyApplication application, DateTimeOffset now) =>
        RemedyReason.NotGranted(application) ?? (application.Suspended ? Decision.Of(new SubsidyReinstated(application.Id, now)) : Decision.Nothing);
}

public static class ReinstateSubsidyEndpoint
{

    [WolverinePost("/api/subsidy-applications/{id}/reinstatement", Name = "ReinstateSubsidy")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy remedies")]
    [EndpointSummary("Reinstate a suspended grant")]
    public static (IResult, Events) Post([WriteAggregate] SubsidyApplication application, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        ReinstateSubsidy.Decide(application, clock.GetUtcNow()).Respond(request, response, application.Version);
}
