namespace StudentBase.Contracts;

/// <summary>A partner as the programme's access rules see it: one role and, for bound roles, the one record it is bound to.</summary>
public interface IProgrammePartner
{
    PartnerRole Role { get; }

    /// <summary>The university, branch station or applicant a bound role's key stands for; none for roles that act for the whole base.</summary>
    Guid? ScopeId { get; }
}

/// <summary>The programme's rules about who acts for whom and who sees what, shared by every service that keeps students.</summary>
public static class ProgrammeAccess
{
    /// <summary>Roles whose keys are bound to one university, branch station or applicant.</summary>
    public static bool IsBound(this PartnerRole role) => role is PartnerRole.University or PartnerRole.Company or PartnerRole.Applicant;

    /// <summary>Whether this partner acts for the given university: the base does, a university only for itself.</summary>
    public static bool ActsForUniversity(this IProgrammePartner partner, Guid universityId) =>
        partner.Role == PartnerRole.BaseAdministrator || (partner.Role == PartnerRole.University && partner.ScopeId == universityId);

    /// <summary>
    /// Whether this partner may see a student's record, once the endpoint's roles have let it in: a university
    /// only its own students, an applicant only themselves, a company none until it hosts them.
    /// </summary>
    public static bool MaySeeStudent(this IProgrammePartner partner, Guid studentId, Guid universityId) => partner.Role switch
    {
        PartnerRole.University => partner.ScopeId == universityId,
        PartnerRole.Applicant => partner.ScopeId == studentId,
        PartnerRole.Company => false,
        _ => true,
    };

    /// <summary>
    /// Whether this partner may see personal data (names, passport numbers, birth dates, contact details): not the roles that
    /// judge, pay, study or run the programme, which work with pseudonymous ids and non-personal facts.
    /// </summary>
    public static bool MaySeePersonalData(this IProgrammePartner partner) =>
        partner.Role is not (PartnerRole.Analyst or PartnerRole.SubsidyReviewer or PartnerRole.Finance or PartnerRole.Operator);
}
