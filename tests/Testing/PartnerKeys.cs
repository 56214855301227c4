using Alba;
using StudentBase.Contracts;
using StudentBase.Partners;

namespace StudentBase.Testing;

/// <summary>The seeded development keys (src/BuildingBlocks/Partners/partners.Development.json) and the test-only ones.</summary>
public static class PartnerKeys
{
    public static readonly Guid XiamenUniversity = SampleStudents.XiamenUniversity;
    public static readonly Guid JimeiUniversity = Guid.Parse("0196f0c4-0000-7000-8000-00000000a002");
    public static readonly Guid ApplicantDaniel = Guid.Parse("0196f0c4-0000-7000-8000-00000000c001");

    public const string BaseAdministrator = "dev-base-admin-key";
    public const string XiamenUniversityKey = "dev-xmu-key";
    public const string JimeiUniversityKey = "dev-jmu-key";
    public const string Company = "dev-paoyou-key";
    public const string ExitEntryOfficer = "dev-exit-entry-key";
    public const string WorkPermitOfficer = "dev-work-permit-key";
    public const string SubsidyReviewer = "dev-reviewer-key";
    public const string Finance = "dev-finance-key";
    public const string Analyst = "dev-analyst-key";
    public const string Operator = "dev-operator-key";
    public const string Applicant = "dev-applicant-key";

    /// <summary>A partner whose rate limit the fixture sets low, to see 429s.</summary>
    public const string RateLimitedPartnerId = "rate-limited-partner";
    public const string RateLimited = "test-rate-limited-key";
    public const int RateLimitedPermitsPerMinute = 5;

    /// <summary>The test identity provider's issuer, audience and shared signing key (base64, 256 bits).</summary>
    public const string TokenIssuer = "https://idp.test.xmsoftwarepark.example";
    public const string TokenAudience = "studentbase";
    public const string TokenSigningKey = "c3R1ZGVudGJhc2UtdGVzdC1pZHAtc2lnbmluZy1rZXktMjU2Yml0cw==";

    /// <summary>One key for each role.</summary>
    public static readonly IReadOnlyDictionary<PartnerRole, string> ByRole = new Dictionary<PartnerRole, string>
    {
        [PartnerRole.BaseAdministrator] = BaseAdministrator,
        [PartnerRole.University] = XiamenUniversityKey,
        [PartnerRole.Company] = Company,
        [PartnerRole.ExitEntryOfficer] = ExitEntryOfficer,
        [PartnerRole.SubsidyReviewer] = SubsidyReviewer,
        [PartnerRole.Finance] = Finance,
        [PartnerRole.Analyst] = Analyst,
        [PartnerRole.Operator] = Operator,
        [PartnerRole.Applicant] = Applicant,
        [PartnerRole.WorkPermitOfficer] = WorkPermitOfficer,
    };

    public static Scenario As(this Scenario scenario, string key)
    {
        scenario.WithRequestHeader(ApiKeyAuthenticationHandler.HeaderName, key);
        return scenario;
    }
}
