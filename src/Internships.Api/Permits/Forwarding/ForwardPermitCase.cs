using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Permits.Forwarding;

public static class ForwardPermitCase
{
    /// <summary>The base forwards a submitted, complete case to the authority that decides its type of permit.</summary>
    public static Decision Decide(PermitCase permitCase, DateTimeOffset now) => permitCase switch
    {
        { State: PermitCaseState.Forwarded } => Decision.Nothing,
        { State: not PermitCaseState.Submitted } => new Refusal("only-a-submitted-case-is-forwarded",
            $"The case is {permitCase.State}.", $"该案件当前状态为 {permitCase.State}。"),
        { MissingItems.Count: > 0 } => new Refusal("an-incomplete-case-is-not-forwarded",
            $"Documents are missing or were rejected for: {string.Join(", ", permitCase.MissingItems)}; return the case for completion.",
            $"以下项目的材料缺失或已被退回：{string.Join("、", permitCase.MissingItems)}；请退回补正。"),
        _ => Decision.Of(new PermitCaseForwarded(permitCase.Id, permitCase.Authority, now)),
    };
}

public static class ForwardPermitCaseEndpoint
{
    [WolverinePost("/api/permit-cases/{id}/forwarding", Name = "ForwardPermitCase")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("Forward a complete case to the authority that decides it (exit-entry administration or work-permit office)")]
    public static (IResult, Events) Post([WriteAggregate] PermitCase permitCase, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        ForwardPermitCase.Decide(permitCase, clock.GetUtcNow()).Respond(request, response, permitCase.Version);
}
