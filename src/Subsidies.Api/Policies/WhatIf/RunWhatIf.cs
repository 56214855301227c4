using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Subsidies.Applications;
using Subsidies.Applications.Submitting;
using Wolverine.Http;

namespace Subsidies.Policies.WhatIf;

/// <summary>How one past application fares under another policy version, criterion by criterion.</summary>
public record WhatIfOutcome(
    Guid ApplicationId,
    Guid ApplicantId,
    string CompanyName,
    string AssessedUnder,
    bool WasEligible,
    bool WouldBeEligible,
    IReadOnlyList<CriterionResult> Criteria)
{
    public bool Changed => WasEligible != WouldBeEligible;
}

public record WhatIfRun(string PolicyVersion, int Applications, int WouldPass, int WouldFail, int Changed, IReadOnlyList<WhatIfOutcome> Outcomes);

public static class RunWhatIfEndpoint
{
    public static ProblemDetails Validate(DateTimeOffset? from, DateTimeOffset? to) => from >= to
        ? Validation.Problem("from", "'from' is before 'to'.", "'from' 须早于 'to'。")
        : WolverineContinue.NoProblems;

    /// <summary>
    /// Re-runs eligibility of every application assessed (in the range of submission dates) under the given policy
    /// version, on the facts and the day of its own assessment; changes nothing, stores nothing.
    /// </summary>
    [WolverineGet("/api/subsidy-policies/{version}/what-if", Name = "RunPolicyWhatIf")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Analyst)]
    [Tags("Subsidy policies")]
    [EndpointSummary("Who would pass and fail under this policy version, and why (nothing is changed)")]
    public static async Task<WhatIfRun?> Get(string version, DateTimeOffset? from, DateTimeOffset? to, IQuerySession session, CancellationToken cancellation)
    {
        if (await session.LoadAsync<SubsidyPolicy>(SubsidyPolicy.IdOf(version), cancellation) is not { } policy)
        {
            return null;
        }

        var query = session.Query<SubsidyApplication>().Where(application => application.Assessment != null);
        if (from is { } since)
        {
            query = query.Where(application => application.SubmittedAt >= since);
        }

        if (to is { } until)
        {
            query = query.Where(application => application.SubmittedAt < until);
        }

        var assessed = await query.OrderBy(application => application.SubmittedAt).ToListAsync(cancellation);

        var outcomes = new List<WhatIfOutcome>();
        foreach (var application in assessed)
        {
            var assessment = application.Assessment!;
            var day = CityTime.DateOf(assessment.AssessedAt);
            var facts = await SubmitApplication.FactsAsync(application, session, day, cancellation);
            var criteria = Eligibility.Assess(policy.Terms, application.Facts, facts);
            outcomes.Add(new WhatIfOutcome(application.Id, application.ApplicantId, application.Facts.CompanyName, assessment.PolicyVersion,
                assessment.Eligible, criteria.All(criterion => criterion.Passed), criteria));
        }

        return new WhatIfRun(version, outcomes.Count, outcomes.Count(outcome => outcome.WouldBeEligible),
            outcomes.Count(outcome => !outcome.WouldBeEligible), outcomes.Count(outcome => outcome.Changed), outcomes);
    }
}
