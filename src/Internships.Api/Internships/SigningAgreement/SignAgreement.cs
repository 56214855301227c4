using System.Security.Claims;
using Internships.BranchStations;
using Internships.Placements;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Internships.Internships.SigningAgreement;

public static class SignAgreement
{
    /// <summary>What a signature depends on beyond the internship itself.</summary>
    public sealed record Facts(BranchStationStanding HostStanding, DateOnly ResidencePermitExpiry, bool StudentHasAnotherActiveInternship, Placement Placement);

    /// <summary>The internship's decision, and the events for the placement when the third signature takes one of its slots.</summary>
    public sealed record Outcome(Decision Internship, IReadOnlyList<object> PlacementEvents);

    public static readonly Refusal HostMayNotSign = new("a-suspended-or-revoked-branch-station-signs-nothing-new",
        "The branch station is suspended or revoked: it signs nothing new (running internships continue).",
        "该分站已被暂停或撤销：不得再签署任何新文件（进行中的实习照常继续）。");

    public static Refusal PermitMustCover(DateOnly expiry, DateOnly endDate) => new("residence-permit-must-cover-the-internship",
        $"The residence permit expires on {expiry:yyyy-MM-dd}, before the internship ends on {endDate:yyyy-MM-dd}.",
        $"居留许可于 {expiry:yyyy-MM-dd} 到期，早于实习结束日期 {endDate:yyyy-MM-dd}。");

    public static Outcome Decide(Internship internship, AgreementParty party, Facts facts, InternshipRules rules, DateTimeOffset now)
    {
        if (internship.IsActive && internship.SignedBy.Contains(party))
        {
            return new Outcome(Decision.Nothing, []);
        }

        if (internship.State != InternshipState.Consented)
        {
            return Refused(internship.State == InternshipState.AwaitingConsent
                ? new Refusal("agreement-needs-university-consent", "The university has not consented yet.", "高校尚未同意。")
                : new Refusal("internship-is-closed",
                    $"The internship is {internship.State}; there is nothing to sign.",
                    $"该实习当前状态为 {internship.State}；没有可签署的内容。"));
        }

        if (internship.Terms is not { } terms)
        {
            return Refused(new Refusal("agreement-must-be-drafted-before-signing", "There are no terms to sign yet.", "尚无可供签署的协议条款。"));
        }

        if (internship.SignedBy.Contains(party))
        {
            return new Outcome(Decision.Nothing, []);
        }

        if (facts.HostStanding != BranchStationStanding.Active && (party == AgreementParty.Company || internship.SignedBy.Count == 2))
        {
            return Refused(HostMayNotSign);
        }

        var signed = new AgreementSignatureGiven(internship.Id, party, now);
        if (internship.SignedBy.Count < 2)
        {
            return new Outcome(Decision.Of(signed), []);
        }

        if (terms.HoursPerWeek > rules.MaximumHoursPerWeek)
        {
            return Refused(DraftingAgreement.DraftAgreement.HoursLimit(rules));
        }

        if (facts.ResidencePermitExpiry < terms.EndDate)
        {
            return Refused(PermitMustCover(facts.ResidencePermitExpiry, terms.EndDate));
        }

        if (facts.StudentHasAnotherActiveInternship)
        {
            return Refused(new Refusal("one-active-internship-per-student",
                "The student already has an active internship: one host at a time.",
                "该学生已有进行中的实习：同一时间只能在一家接收企业实习。"));
        }

        var slot = Placement.Decide.TakeSlot(facts.Placement, internship.Id, now);
        if (slot.Refusal is { } noSlot)
        {
            return Refused(noSlot);
        }

        var decision = Decision.Of(signed, new AgreementSigned(internship.Id, terms, now)).Publishing(new Published.InternshipAgreementSigned(
            internship.Id, internship.StudentId, internship.UniversityId, internship.BranchStationId, internship.PlacementId, terms.StartDate,
            terms.EndDate, now));
        return new Outcome(decision, slot.Events);
    }

    private static Outcome Refused(Refusal refusal) => new(refusal, []);
}

public static class SignAgreementEndpoint
{
    public static ProblemDetails Validate(Signature command) => Signature.Validator.Instance.Check(command);

    /// <summary>
    /// The third signature binds the parties and takes a slot of the placement. When several agreements race for
    /// the last slot exactly one wins; the others are refused (422) or, if they collided, answered 409 to retry.
    /// </summary>
    [WolverinePost("/api/internships/{id}/agreement/signatures", Name = "SignAgreement")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company, PartnerRole.University, PartnerRole.Applicant)]
    [EndpointSummary("Sign the agreement as the student, the company or the university")]
    public static async Task<(IResult, Events)> Post(
        Signature command,
        [WriteAggregate] Internship internship,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IDocumentSession session,
        IOptions<InternshipRules> rules,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (!partner.MaySee(internship))
        {
            return (Results.NotFound(), []);
        }

        if (!partner.ActsFor(internship, command.Party))
        {
            return (Results.Problem(Problems.Create(Problems.Forbidden, $"Only the {command.Party} signs for itself.",
                $"只有 {command.Party} 本方才能以自身名义签署。")), []);
        }

        var placement = await session.Events.FetchForWriting<Placement>(internship.PlacementId, cancellation);
        var station = await session.LoadAsync<BranchStation>(internship.BranchStationId, cancellation);
        var student = await session.LoadAsync<Student>(internship.StudentId, cancellation);
        var hasAnotherActive = await session.Query<Internship>()
            .AnyAsync(other => other.ActiveStudentId == internship.StudentId && other.Id != internship.Id, cancellation);
        var facts = new SignAgreement.Facts(station!.Standing, student!.ResidencePermitExpiry, hasAnotherActive, placement.Aggregate!);

        var outcome = SignAgreement.Decide(internship, command.Party, facts, rules.Value, clock.GetUtcNow());
        var answer = outcome.Internship.Respond(request, response, internship.Version);
        if (answer.Item2.Count > 0)
        {
            placement.AppendMany(outcome.PlacementEvents);
        }

        return answer;
    }
}
