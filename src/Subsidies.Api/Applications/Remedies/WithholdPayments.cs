using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Remedies;

public static class WithholdPayments
{
    public static Decision Decide(SubsidyApplication application, string reason, DateTimeOffset now) =>
        RemedyReason.NotGranted(application) ?? (application.PaymentsWithheld ? Decision.Nothing : Decision.Of(new PaymentsWithheld(application.Id, reason, now)));
}

public static class WithholdPaymentsEndpoint
{
    public static ProblemDetails Validate(RemedyReason command) => RemedyReason.Validator.Instance.Check(command);

    [WolverinePost("/api/subsidy-applications/{id}/withholding", Name = "WithholdPayments")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy remedies")]
    [EndpointSummary("Withhold payments: no instalment is released until they resume")]
    public static (IResult, Events) Post(
        RemedyReason command, [WriteAggregate] SubsidyApplication application, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        WithholdPayments.Decide(application, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, application.Version);
}
