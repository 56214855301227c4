using StudentBase.Contracts;

namespace Internships.BranchStations;

public static class BranchStationAccess
{
    /// <summary>Whether this partner acts for the given branch station: the base does, a company only for itself.</summary>
    public static bool ActsForBranchStation(this IProgrammePartner partner, Guid branchStationId) =>
        partner.Role == PartnerRole.BaseAdministrator || (partner.Role == PartnerRole.Company && partner.ScopeId == branchStationId);
}
