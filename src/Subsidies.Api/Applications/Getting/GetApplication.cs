using System.Globalization;
using System.Security.Claims;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Getting;

/// <summary>One step of the application's history.</summary>
public record TimelineEntry(long Version, string Event, DateTimeOffset At);

/// <param name="FounderBirthDate">Shown to the applicant and the base only; null for others and once erased.</param>
public record ApplicationDetails(
    Guid Id,
    Guid ApplicantId,
    ApplicationState State,
    CompanyFacts Company,
    [PersonalData] DateOnly? FounderBirthDate,
    DateTimeOffset DraftedAt,
    DateTimeOffset? SubmittedAt,
    EligibilityAssessed? Assessment,
    IReadOnlyList<string> ReturnReasons,
    IReadOnlyList<Review> Reviews,
    int ValidReviews,
    decimal? GrantedAmount,
    string? GrantPolicyVersion,
    IReadOnlyList<Instalment> Instalments,
    IReadOnlyList<string> RejectionReasons,
    IReadOnlyList<TimelineEntry> Timeline,
    int Version)
{
    public static ApplicationDetails Example { get; } = new(
        Guid.Parse("0196f0c4-8888-7000-8000-000000000001"), Guid.Parse("0196f0c4-0000-7000-8000-00000000c001"), ApplicationState.Eligible,
        CompanyFacts.Example, new DateOnly(2001, 4, 12), new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)),
        new DateTimeOffset(2026, 3, 8, 10, 0, 0, TimeSpan.FromHours(8)), null, [], [], 0, null, null, [], [],
        [new TimelineEntry(1, "ApplicationDrafted", new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)))], 3);
}

public static class GetApplicationEndpoint
{
    /// <summary>
    /// The applicant sees their own application; the base, reviewers, finance and analysts see any. The birth date is shown to
    /// the applicant and the base only, reviewers' identities and scores to the base and reviewers only.
    /// </summary>
    [WolverineGet("/api/subsidy-applications/{id}", Name = "GetSubsidyApplication")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Applicant, PartnerRole.SubsidyReviewer, PartnerRole.Finance, PartnerRole.Analyst)]
    [Tags("Subsidy applications")]
    [AnswersETag]
    [EndpointSummary("An application: its facts, state, eligibility assessment and timeline")]
    public static async Task<ApplicationDetails?> Get(
        [ReadAggregate] SubsidyApplication application, ClaimsPrincipal user, HttpResponse response, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (partner.Role == PartnerRole.Applicant && !partner.IsApplicant(application.ApplicantId))
        {
            return null;
        }

        var birthDate = partner.Role is PartnerRole.BaseAdministrator or PartnerRole.Applicant
            && await session.RevealAsync(application.Id, application.EncryptedFounderBirthDate, cancellation) is { } revealed
                ? DateOnly.Parse(revealed, CultureInfo.InvariantCulture)
                : (DateOnly?)null;
        var history = await session.Events.FetchStreamAsync(application.Id, token: cancellation);

        response.SetETag(application.Version);
        return new ApplicationDetails(application.Id, application.ApplicantId, application.State, application.Facts, birthDate, application.DraftedAt,
            application.SubmittedAt, application.Assessment, application.ReturnReasons,
            partner.Role is PartnerRole.BaseAdministrator or PartnerRole.SubsidyReviewer ? application.Reviews : [], application.ValidReviews,
            application.GrantedAmount, application.GrantPolicyVersion, application.Instalments, application.RejectionReasons,
            history.Select(e => new TimelineEntry(e.Version, e.EventType.Name, e.Timestamp)).ToList(), application.Version);
    }
}
