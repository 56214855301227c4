using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Remedies;

public static class SuspendSubsidy
{
    public static Decision Decide(SubsidyApplication application, string reason, DateTimeOffset now) =>
        RemedyReason.NotGranted(application) ?? (application.Suspended ? Decision.Nothing : Decision.Of(new SubsidySuspended(application.Id, reason, now)));
}

public static class SuspendSubsidyEndpoint
{
    public static ProblemDetails Validate(RemedyReason command) => RemedyReason.Validator.Instance.Check(command);

    [WolverinePost("/api/subsidy-applications/{id}/suspension", Name = "SuspendSubsidy")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy remedies")]
    [EndpointSummary("Suspend the grant: nothing is verified or paid until it is reinstated")]
    public static (IResult, Events) Post(
        RemedyReason command, [WriteAggregate] SubsidyApplication application, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        SuspendSubsidy.Decide(application, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, application.Version);
}
