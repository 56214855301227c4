using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Remedies;

public static class ResumePayments
{
    public static Decision Decide(SubsidyApplication application, DateTimeOffset now) =>
        RemedyReason.NotGranted(application) ?? (application.PaymentsWithheld ? Decision.Of(new PaymentsResumed(application.Id, now)) : Decision.Nothing);
}

public static class ResumePaymentsEndpoint
{

    [WolverinePost("/api/subsidy-applications/{id}/payment-resumption", Name = "ResumePayments")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy remedies")]
    [EndpointSummary("Resume withheld payments")]
    public static (IResult, Events) Post([WriteAggregate] SubsidyApplication application, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        ResumePayments.Decide(application, clock.GetUtcNow()).Respond(request, response, application.Version);
}
