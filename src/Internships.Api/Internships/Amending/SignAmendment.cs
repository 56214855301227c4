using System.Security.Claims;
using Internships.BranchStations;
using Internships.Internships.SigningAgreement;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.Amending;

public static class SignAmendment
{
    /// <summary>The third signature makes the amendment take effect; until then the agreed terms hold.</summary>
    public static Decision Decide(
        Internship internship, Guid amendmentId, AgreementParty party, BranchStationStanding hostStanding, DateOnly residencePermitExpiry,
        DateTimeOffset now)
    {
        if (internship.AmendmentsInEffect.Contains(amendmentId))
        {
            return Decision.Nothing;
        }

        if (internship.PendingAmendment is not { } amendment || amendment.AmendmentId != amendmentId || internship.Terms is not { } terms)
        {
            return new Refusal("no-such-pending-amendment", "No amendment with this id waits for signatures.", "不存在该 id 对应的待签署变更。");
        }

        if (amendment.SignedBy.Contains(party))
        {
            return Decision.Nothing;
        }

        if (hostStanding != BranchStationStanding.Active && (party == AgreementParty.Company || amendment.SignedBy.Count == 2))
        {
            return SignAgreement.HostMayNotSign;
        }

        var signed = new AmendmentSignatureGiven(internship.Id, amendmentId, party, now);
        if (amendment.SignedBy.Count < 2)
        {
            return Decision.Of(signed);
        }

        var amended = amendment.Changes.AppliedTo(terms);
        return residencePermitExpiry < amended.EndDate
            ? SignAgreement.PermitMustCover(residencePermitExpiry, amended.EndDate)
            : Decision.Of(signed, new AmendmentTookEffect(internship.Id, amendmentId, amended, now));
    }
}

public static class SignAmendmentEndpoint
{
    public static ProblemDetails Validate(Signature command) => Signature.Validator.Instance.Check(command);

    [WolverinePost("/api/internships/{id}/amendments/{amendmentId}/signatures", Name = "SignAmendment")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company, PartnerRole.University, PartnerRole.Applicant)]
    [EndpointSummary("Sign a proposed amendment as the student, the company or the university")]
    public static async Task<(IResult, Events)> Post(
        Signature command,
        Guid amendmentId,
        [WriteAggregate] Internship internship,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IQuerySession session,
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

        var station = await session.LoadAsync<BranchStation>(internship.BranchStationId, cancellation);
        var student = await session.LoadAsync<Student>(internship.StudentId, cancellation);
        return SignAmendment.Decide(internship, amendmentId, command.Party, station!.Standing, student!.ResidencePermitExpiry, clock.GetUtcNow())
            .Respond(request, response, internship.Version);
    }
}
