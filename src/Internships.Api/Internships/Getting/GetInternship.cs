using System.Security.Claims;
using Internships.BranchStations;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.Getting;

/// <param name="Terms">The terms in force: as drafted, then as signed, then as amended (earlier terms stay in the history).</param>
/// <param name="SignedBy">The parties who signed the current draft.</param>
/// <param name="HostStanding">The branch station's standing now.</param>
/// <param name="HostFlagged">True while the internship binds the parties but its host is suspended or revoked: it continues, watched.</param>
/// <param name="EndorsementCoversAgreement">Whether the endorsement on record covers the terms in force.</param>
/// <param name="StateReason">Why consent was refused, the intention withdrawn or the internship terminated.</param>
public record InternshipDetails(
    Guid Id,
    Guid StudentId,
    Guid UniversityId,
    Guid PlacementId,
    Guid BranchStationId,
    InternshipState State,
    string? StateReason,
    EndingParty? EndedBy,
    DateTimeOffset IntendedAt,
    DateTimeOffset DecisionDue,
    AgreementTerms? Terms,
    IReadOnlyList<AgreementParty> SignedBy,
    DateTimeOffset? AgreementSignedAt,
    PermitEndorsement? Endorsement,
    bool EndorsementCoversAgreement,
    DateOnly? StartedOn,
    Evaluation? MidTermEvaluation,
    Evaluation? FinalEvaluation,
    Evaluation? HostEvaluation,
    bool FinalEvaluationIsOverdue,
    PendingAmendment? PendingAmendment,
    int AmendmentsInEffect,
    DateOnly? EndedOn,
    string? CertificateNumber,
    BranchStationStanding HostStanding,
    bool HostFlagged,
    int Version)
{
    public static InternshipDetails Example { get; } = new(
        Guid.Parse("0196f0c4-4444-7000-8000-000000000001"), Guid.Parse("0196f0c4-1111-7000-8000-000000000001"),
        Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), Guid.Parse("0196f0c4-3333-7000-8000-000000000001"),
        Guid.Parse("0196f0c4-0000-7000-8000-00000000b001"), InternshipState.Started, null, null,
        new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2024, 6, 15, 10, 0, 0, TimeSpan.FromHours(8)),
        new AgreementTerms(new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), 24, "Zhang Wei, head of content", 3000m,
            ["Write three short-video scripts in Chinese"], "Software Park Phase I, Xiamen"),
        [AgreementParty.Student, AgreementParty.Company, AgreementParty.University], new DateTimeOffset(2024, 6, 20, 16, 0, 0, TimeSpan.FromHours(8)),
        new PermitEndorsement("Software Park Phase I, Xiamen", new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), "XM-EE-2024-001234"), true,
        new DateOnly(2024, 7, 1), null, null, null, false, null, 0, null, null, BranchStationStanding.Active, false, 9);

    public static InternshipDetails Of(Internship internship, BranchStationStanding hostStanding) => new(
        internship.Id, internship.StudentId, internship.UniversityId, internship.PlacementId, internship.BranchStationId, internship.State,
        internship.StateReason, internship.EndedBy, internship.IntendedAt, internship.DecisionDue, internship.Terms, internship.SignedBy,
        internship.AgreementSignedAt, internship.Endorsement,
        internship.Endorsement is { } endorsement && internship.Terms is { } terms && endorsement.Covers(terms),
        internship.StartedOn, internship.MidTermEvaluation, internship.FinalEvaluation, internship.HostEvaluation, internship.FinalEvaluationIsOverdue,
        internship.PendingAmendment, internship.AmendmentsInEffect.Count, internship.EndedOn, internship.CertificateNumber, hostStanding,
        internship.IsActive && hostStanding != BranchStationStanding.Active, internship.Version);
}

public static class GetInternshipEndpoint
{
    /// <summary>Each party sees its own internships; the base, the exit-entry administration and analysts see all.</summary>
    [WolverineGet("/api/internships/{id}", Name = "GetInternship")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Company, PartnerRole.Applicant, PartnerRole.ExitEntryOfficer,
        PartnerRole.Analyst)]
    [AnswersETag]
    [EndpointSummary("An internship: its state, terms, signatures, endorsement, evaluations and certificate")]
    public static async Task<InternshipDetails?> Get(
        [ReadAggregate] Internship internship, ClaimsPrincipal user, HttpResponse response, IQuerySession session, CancellationToken cancellation)
    {
        if (!user.Partner().MaySee(internship))
        {
            return null;
        }

        var station = await session.LoadAsync<BranchStation>(internship.BranchStationId, cancellation);
        response.SetETag(internship.Version);
        return InternshipDetails.Of(internship, station?.Standing ?? BranchStationStanding.Revoked);
    }
}
