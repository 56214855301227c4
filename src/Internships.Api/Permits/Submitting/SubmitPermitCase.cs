using System.Security.Claims;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Permits.Submitting;

public static class SubmitPermitCase
{
    /// <summary>
    /// A draft, or a case returned for completion, goes to the base, which checks it: a case with documents missing is
    /// returned for completion rather than refused here, since the base may accept a paper handed in at its counter.
    /// </summary>
    public static Decision Decide(PermitCase permitCase, DateTimeOffset now) => permitCase switch
    {
        { State: PermitCaseState.Submitted } => Decision.Nothing,
        { IsOpenForDocuments: false } => new Refusal("only-a-draft-or-returned-case-is-submitted",
            $"The case is {permitCase.State}.", $"该案件当前状态为 {permitCase.State}。"),
        _ => Decision.Of(new PermitCaseSubmitted(permitCase.Id, now)),
    };
}

public static class SubmitPermitCaseEndpoint
{
    [WolverinePost("/api/permit-cases/{id}/submission", Name = "SubmitPermitCase")]
    [AllowPermitParties]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("Hand the case to the base, which forwards it to the authority or returns it for completion")]
    public static (IResult, Events) Post(
        [WriteAggregate] PermitCase permitCase, ClaimsPrincipal user, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        user.Partner().ActsForPersonOf(permitCase)
            ? SubmitPermitCase.Decide(permitCase, clock.GetUtcNow()).Respond(request, response, permitCase.Version)
            : (Results.NotFound(), []);
}
