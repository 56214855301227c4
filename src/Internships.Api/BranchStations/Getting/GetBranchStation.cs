using System.Security.Claims;
using Internships.PersonalData;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.BranchStations.Getting;

/// <param name="Contact">Shown to the base and to the company itself; null for everyone else and once erased.</param>
public record BranchStationDetails(
    Guid Id,
    string Name,
    string UnifiedSocialCreditCode,
    string Industry,
    BranchStationStanding Standing,
    string? StandingReason,
    Contact? Contact,
    DateTimeOffset AppliedAt,
    DateTimeOffset? DesignatedAt,
    int Version)
{
    public static BranchStationDetails Example { get; } = new(
        Guid.Parse("0196f0c4-0000-7000-8000-00000000b001"), "Xiamen Paoyou Network Technology Co., Ltd. (厦门泡游网络科技有限公司)",
        "91350200MA31J7W439", "Digital content", BranchStationStanding.Active, null,
        new Contact("Lin Wei", "+86 592 555 0101", "hr@paoyou.example"),
        new DateTimeOffset(2022, 5, 10, 9, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2022, 6, 1, 15, 0, 0, TimeSpan.FromHours(8)), 2);
}

public static class GetBranchStationEndpoint
{
    [WolverineGet("/api/branch-stations/{id}", Name = "GetBranchStation")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company, PartnerRole.University, PartnerRole.ExitEntryOfficer, PartnerRole.Analyst)]
    [AnswersETag]
    [EndpointSummary("A branch station and its standing")]
    public static async Task<BranchStationDetails?> Get(
        [ReadAggregate] BranchStation station, ClaimsPrincipal user, HttpResponse response, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (partner.Role == PartnerRole.Company && partner.ScopeId != station.Id)
        {
            return null;
        }

        var showContact = partner.Role is PartnerRole.BaseAdministrator or PartnerRole.Company;
        var contact = showContact ? await Contact.RevealAsync(session, station.Id, station.EncryptedContact, cancellation) : null;

        response.SetETag(station.Version);
        return new BranchStationDetails(station.Id, station.Name, station.UnifiedSocialCreditCode, station.Industry, station.Standing,
            station.StandingReason, contact, station.AppliedAt, station.DesignatedAt, station.Version);
    }
}
