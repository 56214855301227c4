using System.Security.Claims;

namespace StudentBase.ServiceDefaults.Partners;

/// <summary>
/// The authenticated caller: which partner system, in which role, bound to which university, branch station
/// or applicant (<see cref="ScopeId"/>; none for roles that act for the whole base).
/// </summary>
public sealed record Partner(string PartnerId, PartnerRole Role, Guid? ScopeId)
{
    public const string PartnerIdClaim = "partner_id";
    public const string ScopeIdClaim = "scope_id";

    /// <summary>The role claim as an identity provider's token carries it.</summary>
    public const string RoleClaim = "role";

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, PartnerId),
            new(PartnerIdClaim, PartnerId),
            new(ClaimTypes.Role, Role.ToString()),
        };
        if (ScopeId is { } scopeId)
        {
            claims.Add(new Claim(ScopeIdClaim, scopeId.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    public static Partner? From(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(PartnerIdClaim) is not { } partnerId
            || !Enum.TryParse<PartnerRole>(user.FindFirstValue(ClaimTypes.Role) ?? user.FindFirstValue(RoleClaim), out var role))
        {
            return null;
        }

        return new Partner(partnerId, role, Guid.TryParse(user.FindFirstValue(ScopeIdClaim), out var scope) ? scope : null);
    }

    /// <summary>Whether this partner acts for the given university: the base does, a university only for itself.</summary>
    public bool ActsForUniversity(Guid universityId) =>
        Role == PartnerRole.BaseAdministrator || (Role == PartnerRole.University && ScopeId == universityId);

    /// <summary>Whether this partner acts for the given branch station: the base does, a company only for itself.</summary>
    public bool ActsForBranchStation(Guid branchStationId) =>
        Role == PartnerRole.BaseAdministrator || (Role == PartnerRole.Company && ScopeId == branchStationId);

    /// <summary>Whether this partner is the applicant (student or founder) themselves.</summary>
    public bool IsApplicant(Guid personId) => Role == PartnerRole.Applicant && ScopeId == personId;

    /// <summary>
    /// Whether this partner may see a student's record, once the endpoint's roles have let it in: a university
    /// only its own students, an applicant only themselves, a company none until it hosts them.
    /// </summary>
    public bool MaySeeStudent(Guid studentId, Guid universityId) => Role switch
    {
        PartnerRole.University => ScopeId == universityId,
        PartnerRole.Applicant => ScopeId == studentId,
        PartnerRole.Company => false,
        _ => true,
    };

    /// <summary>Whether this partner may see personal data (passport numbers, birth dates, contact details).</summary>
    public bool MaySeePersonalData => Role is not (PartnerRole.Analyst or PartnerRole.SubsidyReviewer or PartnerRole.Finance);

    /// <summary>Roles whose keys are bound to one university, branch station or applicant.</summary>
    public static bool IsBoundRole(PartnerRole role) => role is PartnerRole.University or PartnerRole.Company or PartnerRole.Applicant;
}

public static class PartnerPrincipalExtensions
{
    /// <summary>The authenticated partner; endpoints that declare a role policy always have one.</summary>
    public static Partner Partner(this ClaimsPrincipal user) =>
        StudentBase.ServiceDefaults.Partners.Partner.From(user)
        ?? throw new InvalidOperationException("The endpoint was reached without an authenticated partner.");
}
