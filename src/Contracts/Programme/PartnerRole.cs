namespace StudentBase.Contracts;

/// <summary>What a partner may do. A partner's API key carries exactly one role.</summary>
public enum PartnerRole
{
    /// <summary>Staff of the base, who operate the programme.</summary>
    BaseAdministrator = 1,

    /// <summary>A university's student system, bound to that one university.</summary>
    University = 2,

    /// <summary>A company HR system, bound to its one branch station.</summary>
    Company = 3,

    /// <summary>The exit-entry administration, which endorses residence permits.</summary>
    ExitEntryOfficer = 4,

    /// <summary>An expert who scores subsidy applications.</summary>
    SubsidyReviewer = 5,

    /// <summary>Releases subsidy instalments.</summary>
    Finance = 6,

    /// <summary>Reads history, never personal data.</summary>
    Analyst = 7,

    /// <summary>A student or founder, bound to their own records.</summary>
    Applicant = 8,

    /// <summary>Runs the platform: follows flows across services, handles dead letters; never sees personal data.</summary>
    Operator = 9,

    /// <summary>The work-permit office (human resources and social security), which decides foreigners' work permits.</summary>
    WorkPermitOfficer = 10,
}
