using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Remedies;

public static class CloseSubsidy
{
    /// <summary>A grant closes once every instalment is paid or lapsed, or after it was terminated.</summary>
    public static Decision Decide(SubsidyApplication application, DateTimeOffset now) => application.State switch
    {
        ApplicationState.Closed => Decision.Nothing,
        ApplicationState.Terminated => Decision.Of(new SubsidyClosed(application.Id, now)),
        ApplicationState.Approved when application.Instalments.All(instalment => instalment.State is InstalmentState.Released or InstalmentState.Lapsed) =>
            Decision.Of(new SubsidyClosed(application.Id, now)),
        ApplicationState.Approved => new Refusal("close-after-every-instalment-is-settled", "An instalment is still to be verified or paid.",
            "仍有分期款尚待核验或拨付。"),
        _ => new Refusal("remedies-apply-to-a-running-grant", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。"),
    };
}

public static class CloseSubsidyEndpoint
{
    [WolverinePost("/api/subsidy-applications/{id}/closing", Name = "CloseSubsidy")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy remedies")]
    [EndpointSummary("Close a settled grant")]
    public static (IResult, Events) Post([WriteAggregate] SubsidyApplication application, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        CloseSubsidy.Decide(application, clock.GetUtcNow()).Respond(request, response, application.Version);
}
