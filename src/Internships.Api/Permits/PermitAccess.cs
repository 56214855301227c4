using StudentBase.Contracts;
using StudentBase.Partners;

namespace Internships.Permits;

/// <summary>
/// Who may see and act on a permit case: the person, their university, the company hosting them and the base, for the
/// person's cases; the authority that decides, once the case is forwarded to it.
/// </summary>
public static class PermitAccess
{
    public const string Tag = "Permits";

    /// <summary>The roles that open cases and hand in documents.</summary>
    public static readonly PartnerRole[] Parties = [PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Company, PartnerRole.Applicant];

    public static readonly PartnerRole[] Authorities = [PartnerRole.ExitEntryOfficer, PartnerRole.WorkPermitOfficer];

    /// <summary>Whether the partner acts for the person the case is about (the base acts for everyone).</summary>
    public static bool ActsForPersonOf(this Partner partner, PermitCase permitCase) => partner.Role switch
    {
        PartnerRole.BaseAdministrator => true,
        PartnerRole.Applicant => partner.ScopeId == permitCase.PersonId,
        PartnerRole.University => partner.ScopeId == permitCase.UniversityId,
        PartnerRole.Company => permitCase.HostBranchStationId is { } host && partner.ScopeId == host,
        _ => false,
    };

    /// <summary>Whether the partner is the authority the case was forwarded to.</summary>
    public static bool Decides(this Partner partner, PermitCase permitCase) =>
        permitCase.State is PermitCaseState.Forwarded or PermitCaseState.Approved or PermitCaseState.Refused
        && partner.Role == PermitTypes.RoleOf(permitCase.Authority);

    public static bool MaySee(this Partner partner, PermitCase permitCase) => partner.ActsForPersonOf(permitCase) || partner.Decides(permitCase);

    /// <summary>
    /// Documents are the person's papers: the person, their university, the base and the deciding authority read them; a
    /// company hands them in but does not read them back.
    /// </summary>
    public static bool MayReadDocumentsOf(this Partner partner, PermitCase permitCase) =>
        partner.Role != PartnerRole.Company && partner.MaySee(permitCase);
}

/// <summary>The roles that open cases and hand in documents: <see cref="PermitAccess.Parties"/>.</summary>
internal sealed class AllowPermitPartiesAttribute() : AllowAttribute(PermitAccess.Parties);

/// <summary>The parties and the authorities that decide: every role that reads a case.</summary>
internal sealed class AllowPermitReadersAttribute() : AllowAttribute([.. PermitAccess.Parties, .. PermitAccess.Authorities]);

/// <summary>The authorities that decide permits: <see cref="PermitAccess.Authorities"/>.</summary>
internal sealed class AllowPermitAuthoritiesAttribute() : AllowAttribute(PermitAccess.Authorities);
