using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Policies.Publishing;

public static class PublishPolicyEndpoint
{
    public static ProblemDetails Validate(SubsidyPolicyTerms command) => SubsidyPolicyTerms.Validator.Instance.Check(command);

    public static async Task<ProblemDetails> Before(SubsidyPolicyTerms command, IQuerySession session, CancellationToken cancellation) =>
        await session.LoadAsync<SubsidyPolicy>(SubsidyPolicy.IdOf(command.Version), cancellation) is null
            ? WolverineContinue.NoProblems
            : new Refusal("a-policy-version-is-published-once", $"Version {command.Version} is already published; publish a new version instead.",
                $"政策版本 {command.Version} 已发布；请改为发布新版本。").ToProblem();

    /// <summary>A new version never changes decisions already made under an earlier one; they keep the version they applied.</summary>
    [WolverinePost("/api/subsidy-policies", Name = "PublishSubsidyPolicy")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Subsidy policies")]
    [EndpointSummary("Publish a new version of the subsidy policy (eligibility, amounts, instalment plan, review rubric)")]
    public static (NewResource<string>, IStartStream) Post(SubsidyPolicyTerms command, TimeProvider clock)
    {
        var id = SubsidyPolicy.IdOf(command.Version);
        return (new NewResource<string>(command.Version, $"/api/subsidy-policies/{command.Version}"),
            MartenOps.StartStream<SubsidyPolicy>(id, new SubsidyPolicyPublished(id, command, clock.GetUtcNow())));
    }
}
