using System.Security.Claims;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.Amending;

public enum AmendmentState
{
    /// <summary>Proposed; the parties are signing it.</summary>
    AwaitingSignatures = 1,
    /// <summary>All three signed: its changes are in the terms.</summary>
    InEffect = 2,
    /// <summary>The internship ended before the last signature: it never took effect.</summary>
    Lapsed = 3,
}

/// <summary>An amendment of an internship's agreement, as proposed, signed and (once all three signed) in effect.</summary>
/// <param name="Changes">Only the terms it changes; the others stay as they were.</param>
/// <param name="SignedBy">The parties who signed it, the proposer first.</param>
public record AmendmentDetails(
    Guid Id,
    Guid InternshipId,
    AmendmentState State,
    AgreementChanges Changes,
    string Reason,
    AgreementParty ProposedBy,
    IReadOnlyList<AgreementParty> SignedBy,
    DateTimeOffset ProposedAt,
    DateTimeOffset? TookEffectAt)
{
    public static AmendmentDetails Example { get; } = new(Guid.Parse("0196f0c4-3333-7000-8000-000000000001"),
        Guid.Parse("0196f0c4-2222-7000-8000-000000000001"), AmendmentState.AwaitingSignatures, ProposeAmendment.Example.Changes,
        ProposeAmendment.Example.Reason, AgreementParty.Company, [AgreementParty.Company, AgreementParty.Student],
        new DateTimeOffset(2024, 9, 20, 10, 0, 0, TimeSpan.FromHours(8)), null);

    /// <summary>The amendment as the internship's events tell it, or null when the internship has no such amendment.</summary>
    public static AmendmentDetails? Of(Internship internship, IEnumerable<object> history, Guid amendmentId)
    {
        AmendmentDetails? amendment = null;
        foreach (var @event in history)
        {
            amendment = (@event, amendment) switch
            {
                (AmendmentProposed proposed, _) when proposed.AmendmentId == amendmentId => new AmendmentDetails(amendmentId, internship.Id,
                    AmendmentState.AwaitingSignatures, proposed.Changes, proposed.Reason, proposed.ProposedBy, [proposed.ProposedBy], proposed.ProposedAt,
                    null),
                (AmendmentSignatureGiven signed, { } current) when signed.AmendmentId == amendmentId =>
                    current with { SignedBy = [.. current.SignedBy, signed.Party] },
                (AmendmentTookEffect tookEffect, { } current) when tookEffect.AmendmentId == amendmentId =>
                    current with { State = AmendmentState.InEffect, TookEffectAt = tookEffect.TookEffectAt },
                _ => amendment,
            };
        }

        return amendment is { State: AmendmentState.AwaitingSignatures } && internship.PendingAmendment?.AmendmentId != amendmentId
            ? amendment with { State = AmendmentState.Lapsed }
            : amendment;
    }
}

public static class GetAmendmentEndpoint
{
    /// <summary>Whoever may see the internship may see its amendments.</summary>
    [WolverineGet("/api/internships/{id}/amendments/{amendmentId}", Name = "GetAmendment")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Company, PartnerRole.Applicant, PartnerRole.ExitEntryOfficer,
        PartnerRole.Analyst)]
    [EndpointSummary("An amendment of the agreement: its changes, reason and signatures, and whether it took effect")]
    public static async Task<AmendmentDetails?> Get(
        [ReadAggregate] Internship internship, Guid amendmentId, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!user.Partner().MaySee(internship))
        {
            return null;
        }

        var history = await session.Events.FetchStreamAsync(internship.Id, token: cancellation);
        return AmendmentDetails.Of(internship, history.Select(committed => committed.Data), amendmentId);
    }
}
