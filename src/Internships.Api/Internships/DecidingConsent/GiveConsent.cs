using System.Security.Claims;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.DecidingConsent;

public static class GiveConsent
{
    /// <summary>The school's consent an off-campus internship needs; only the student's own university gives it.</summary>
    public static Decision Decide(Internship internship, Partner partner, DateTimeOffset now)
    {
        if (partner.Role == PartnerRole.University && partner.ScopeId != internship.UniversityId)
        {
            return OnlyTheOwnUniversity;
        }

        return internship.State switch
        {
            InternshipState.AwaitingConsent => Decision.Of(new UniversityConsented(internship.Id, now)),
            InternshipState.Consented => Decision.Nothing,
            _ => NotAwaitingConsent(internship),
        };
    }

    public static readonly Refusal OnlyTheOwnUniversity =
        new("only-the-students-own-university-consents",
            "Only the student's own university decides on the intention.",
            "只有学生所在高校才能对该实习意向作出决定。");

    public static Refusal NotAwaitingConsent(Internship internship) => internship.State == InternshipState.Lapsed
        ? new Refusal("intention-lapsed", "The university decided nothing in time; the intention lapsed.", "高校未在期限内作出决定；该实习意向已失效。")
        : new Refusal("consent-needs-an-intention-awaiting-it",
            $"The internship is {internship.State}; no intention awaits consent.",
            $"该实习当前状态为 {internship.State}；没有等待同意的实习意向。");
}

public static class GiveConsentEndpoint
{
    [WolverinePost("/api/internships/{id}/consent", Name = "GiveConsent")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University)]
    [EndpointSummary("The student's university consents to the internship")]
    public static (IResult, Events) Post(
        [WriteAggregate] Internship internship, ClaimsPrincipal user, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        GiveConsent.Decide(internship, user.Partner(), clock.GetUtcNow()).Respond(request, response, internship.Version);
}
