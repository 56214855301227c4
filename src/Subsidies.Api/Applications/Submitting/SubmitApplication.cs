using System.Globalization;
using System.Security.Claims;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Subsidies.Policies;
using Subsidies.Students;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Submitting;

public static class SubmitApplication
{
    /// <summary>Submitting assesses eligibility at once, under the policy in force, and records its version.</summary>
    public static Decision Decide(SubsidyApplication application, SubsidyPolicyTerms? policy, EligibilityFacts facts, DateTimeOffset now)
    {
        if (!application.IsOpenToTheApplicant)
        {
            return application.SubmittedAt is not null && application.State != ApplicationState.Returned
                ? Decision.Nothing
                : new Refusal("a-submitted-application-changes-only-when-returned", $"The application is {application.State}.",
                    $"该申请当前状态为 {application.State}。");
        }

        if (policy is null)
        {
            return new Refusal("a-policy-must-be-in-force", "No subsidy policy is in force today.", "今日没有生效的补贴政策。");
        }

        var criteria = Eligibility.Assess(policy, application.Facts, facts);
        return Decision.Of(
            new ApplicationSubmitted(application.Id, now),
            new EligibilityAssessed(application.Id, policy.Version, criteria.All(criterion => criterion.Passed), criteria,
                Eligibility.SupportingFactsOf(facts.Founder), now));
    }

    /// <summary>The newest version in force on the day.</summary>
    public static async Task<SubsidyPolicyTerms?> PolicyInForceAsync(IQuerySession session, DateOnly day, CancellationToken cancellation) =>
        (await session.Query<SubsidyPolicy>().ToListAsync(cancellation))
            .Select(policy => policy.Terms)
            .Where(terms => terms.EffectiveFrom <= day)
            .MaxBy(terms => terms.EffectiveFrom);

    /// <summary>The facts beyond the application: the founder's record, earlier grants, the decrypted birth date.</summary>
    public static async Task<EligibilityFacts> FactsAsync(SubsidyApplication application, IQuerySession session, DateOnly day, CancellationToken cancellation)
    {
        var founder = await session.LoadAsync<StudentRecord>(application.ApplicantId, cancellation);
        var funded = await session.Query<SubsidyApplication>()
            .Where(other => other.Id != application.Id && (other.State == ApplicationState.Approved || other.State == ApplicationState.Closed)
                && (other.ApplicantId == application.ApplicantId || other.Facts.UnifiedSocialCreditCode == application.Facts.UnifiedSocialCreditCode))
            .ToListAsync(cancellation);
        var birthDate = await session.RevealAsync(application.Id, application.EncryptedFounderBirthDate, cancellation);
        return new EligibilityFacts(
            birthDate is null ? null : DateOnly.Parse(birthDate, CultureInfo.InvariantCulture),
            founder,
            funded.Any(other => other.ApplicantId == application.ApplicantId),
            funded.Any(other => other.Facts.UnifiedSocialCreditCode == application.Facts.UnifiedSocialCreditCode),
            day);
    }
}

public static class SubmitApplicationEndpoint
{
    /// <summary>Answers 204; read the application for the assessment (every criterion with its reason, and the policy version).</summary>
    [WolverinePost("/api/subsidy-applications/{id}/submission", Name = "SubmitSubsidyApplication")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Applicant)]
    [Tags("Subsidy applications")]
    [EndpointSummary("Submit the application: eligibility is assessed at once under the policy in force")]
    public static async Task<(IResult, Events)> Post(
        [WriteAggregate] SubsidyApplication application,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IQuerySession session,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (partner.Role == PartnerRole.Applicant && !partner.IsApplicant(application.ApplicantId))
        {
            return (Results.NotFound(), []);
        }

        var now = clock.GetUtcNow();
        var today = CityTime.DateOf(now);
        var policy = await SubmitApplication.PolicyInForceAsync(session, today, cancellation);
        var facts = await SubmitApplication.FactsAsync(application, session, today, cancellation);
        return SubmitApplication.Decide(application, policy, facts, now).Respond(request, response, application.Version);
    }
}
