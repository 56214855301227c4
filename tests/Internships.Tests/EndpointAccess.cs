using StudentBase.ServiceDefaults.Partners;
using StudentBase.Testing;
using static StudentBase.ServiceDefaults.Partners.PartnerRole;

namespace Internships.Tests;

public class EndpointAccess(InternshipsFixture fixture) : EndpointAccessSpecification<Program>(fixture)
{
    protected override IReadOnlyDictionary<string, PartnerRole[]> Access => new Dictionary<string, PartnerRole[]>
    {
        ["POST /api/students"] = [BaseAdministrator, University],
        ["GET /api/students"] = [BaseAdministrator, University, ExitEntryOfficer, Analyst],
        ["GET /api/students/{id}"] = [BaseAdministrator, University, ExitEntryOfficer, Analyst, Applicant],
        ["POST /api/students/{id}/corrections"] = [BaseAdministrator, University],
        ["POST /api/partners/{partnerId}/api-keys"] = [BaseAdministrator],
        ["POST /api/branch-stations"] = [BaseAdministrator],
        ["GET /api/branch-stations/{id}"] = [BaseAdministrator, Company, University, ExitEntryOfficer, Analyst],
        ["POST /api/branch-stations/{id}/designation"] = [BaseAdministrator],
        ["POST /api/branch-stations/{id}/suspension"] = [BaseAdministrator],
        ["POST /api/branch-stations/{id}/reinstatement"] = [BaseAdministrator],
        ["POST /api/branch-stations/{id}/revocation"] = [BaseAdministrator],
        ["POST /api/partners/{partnerId}/api-keys/{keyId}/revoke"] = [BaseAdministrator],
    };
}
