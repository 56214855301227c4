using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Subsidies.Applications.Remedies;

public static class TerminateSubsidy
{
    /// <summary>Instalments not yet paid never will be; what was paid stays paid unless clawed back.</summary>
    public static Decision Decide(SubsidyApplication application, string reason, DateTimeOffset now) => application.State switch
    {
        ApplicationState.Terminated => Decision.Nothing,
        ApplicationState.Approved => Decision.Of(new SubsidyTerminated(application.Id, reason, now))
            .Publishing(new Published.SubsidyTerminated(application.Id, application.ApplicantId, application.Paid, now)),
        _ => new Refusal("remedies-apply-to-a-running-grant", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。"),
    };
}

public static class TerminateSubsidyEndpoint
{
    public static ProblemDetails Validate(RemedyReason command) => RemedyReason.Validator.Instance.Check(command);

    [WolverinePost("/api/subsidy-applications/{id}/termination", Name = "TerminateSubsidy")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy remedies")]
    [EndpointSummary("Terminate the grant: no further instalment is paid")]
    public static (IResult, Events) Post(
        RemedyReason command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] SubsidyApplication application, HttpRequest request,
        HttpResponse response, TimeProvider clock) =>
        TerminateSubsidy.Decide(application, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, application.Version);
}
