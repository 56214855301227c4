using StudentBase.Contracts;

namespace Subsidies.Applications;

public static class ApplicantAccess
{
    /// <summary>Whether this partner is the applicant (student or founder) themselves.</summary>
    public static bool IsApplicant(this IProgrammePartner partner, Guid personId) => partner.Role == PartnerRole.Applicant && partner.ScopeId == personId;
}
