using Marten;
using StudentBase.Contracts;
using StudentBase.Partners;
using Wolverine.Http;

namespace Subsidies.Policies.Getting;

public static class GetPoliciesEndpoint
{
    /// <summary>Every published version, the newest in force first.</summary>
    [WolverineGet("/api/subsidy-policies", Name = "ListSubsidyPolicies")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.SubsidyReviewer, PartnerRole.Finance, PartnerRole.Analyst, PartnerRole.Applicant)]
    [Tags("Subsidy policies")]
    [EndpointSummary("The published versions of the subsidy policy")]
    public static async Task<IReadOnlyList<SubsidyPolicyTerms>> List(IQuerySession session, CancellationToken cancellation) =>
        (await session.Query<SubsidyPolicy>().ToListAsync(cancellation))
            .Select(policy => policy.Terms).OrderByDescending(terms => terms.EffectiveFrom).ToList();

    [WolverineGet("/api/subsidy-policies/{version}", Name = "GetSubsidyPolicy")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.SubsidyReviewer, PartnerRole.Finance, PartnerRole.Analyst, PartnerRole.Applicant)]
    [Tags("Subsidy policies")]
    [EndpointSummary("One version of the subsidy policy")]
    public static async Task<SubsidyPolicyTerms?> Get(string version, IQuerySession session, CancellationToken cancellation) =>
        (await session.LoadAsync<SubsidyPolicy>(SubsidyPolicy.IdOf(version), cancellation))?.Terms;
}
