using StudentBase.Contracts;
using StudentBase.Partners;
using StudentBase.Testing;
using static StudentBase.Contracts.PartnerRole;

namespace Internships.Tests;

public class EndpointAccess(InternshipsFixture fixture) : EndpointAccessSpecification<Program>(fixture)
{
    protected override IReadOnlyDictionary<string, PartnerRole[]> Access => new Dictionary<string, PartnerRole[]>
    {
        ["POST /api/students"] = [BaseAdministrator, University],
        ["POST /api/permit-checklists"] = [BaseAdministrator],
        ["GET /api/permit-checklists"] = [BaseAdministrator, University, Company, Applicant, ExitEntryOfficer, WorkPermitOfficer],
        ["GET /api/permit-checklists/{version}"] = [BaseAdministrator, University, Company, Applicant, ExitEntryOfficer, WorkPermitOfficer],
        ["POST /api/permit-cases"] = [BaseAdministrator, University, Company, Applicant],
        ["GET /api/permit-cases"] = [BaseAdministrator, University, Company, Applicant, ExitEntryOfficer, WorkPermitOfficer],
        ["GET /api/permit-cases/{id}"] = [BaseAdministrator, University, Company, Applicant, ExitEntryOfficer, WorkPermitOfficer],
        ["POST /api/permit-cases/{id}/checklist/{item}/documents"] = [BaseAdministrator, University, Company, Applicant],
        ["GET /api/permit-cases/{id}/documents/{documentId}"] = [BaseAdministrator, University, Company, Applicant, ExitEntryOfficer, WorkPermitOfficer],
        ["POST /api/permit-cases/{id}/submission"] = [BaseAdministrator, University, Company, Applicant],
        ["POST /api/permit-cases/{id}/return"] = [BaseAdministrator],
        ["POST /api/permit-cases/{id}/forwarding"] = [BaseAdministrator],
        ["POST /api/permit-cases/{id}/approval"] = [ExitEntryOfficer, WorkPermitOfficer],
        ["POST /api/permit-cases/{id}/refusal"] = [ExitEntryOfficer, WorkPermitOfficer],
        ["GET /api/students"] = [BaseAdministrator, University, ExitEntryOfficer, Analyst],
        ["GET /api/students/{id}"] = [BaseAdministrator, University, ExitEntryOfficer, Analyst, Applicant],
        ["POST /api/students/{id}/corrections"] = [BaseAdministrator, University],
        ["POST /api/students/{id}/erasure"] = [BaseAdministrator],
        ["POST /api/students/personal-data-sealing"] = [BaseAdministrator, Operator],
        ["POST /api/partners/{partnerId}/api-keys"] = [BaseAdministrator],
        ["POST /api/branch-stations"] = [BaseAdministrator],
        ["GET /api/branch-stations/{id}"] = [BaseAdministrator, Company, University, ExitEntryOfficer, Analyst],
        ["POST /api/branch-stations/{id}/designation"] = [BaseAdministrator],
        ["POST /api/branch-stations/{id}/suspension"] = [BaseAdministrator],
        ["POST /api/branch-stations/{id}/reinstatement"] = [BaseAdministrator],
        ["POST /api/branch-stations/{id}/revocation"] = [BaseAdministrator],
        ["POST /api/partners/{partnerId}/api-keys/{keyId}/revoke"] = [BaseAdministrator],
        ["POST /api/universities"] = [BaseAdministrator],
        ["GET /api/universities"] = [BaseAdministrator, University, Company, ExitEntryOfficer, Analyst, Applicant],
        ["GET /api/universities/{id}"] = [BaseAdministrator, University, Company, ExitEntryOfficer, Analyst],
        ["PUT /api/universities/{id}/coordinator"] = [BaseAdministrator, University],
        ["POST /api/placements"] = [BaseAdministrator, Company],
        ["GET /api/placements"] = [BaseAdministrator, Company, University, ExitEntryOfficer, Analyst, Applicant],
        ["GET /api/placements/{id}"] = [BaseAdministrator, Company, University, ExitEntryOfficer, Analyst, Applicant],
        ["POST /api/placements/{id}/approval"] = [BaseAdministrator],
        ["POST /api/placements/{id}/send-back"] = [BaseAdministrator],
        ["POST /api/placements/{id}/resubmission"] = [BaseAdministrator, Company],
        ["POST /api/placements/{id}/withdrawal"] = [BaseAdministrator, Company],
        ["POST /api/internships"] = [BaseAdministrator, University, Company, Applicant],
        ["GET /api/internships"] = [BaseAdministrator, University, Company, Applicant, ExitEntryOfficer, Analyst],
        ["GET /api/internships/{id}"] = [BaseAdministrator, University, Company, Applicant, ExitEntryOfficer, Analyst],
        ["GET /api/internships/dashboard"] = [BaseAdministrator, Analyst],
        ["GET /api/programme/monthly-figures"] = [BaseAdministrator, Analyst],
        ["POST /api/internships/{id}/consent"] = [BaseAdministrator, University],
        ["POST /api/internships/{id}/consent-refusal"] = [BaseAdministrator, University],
        ["POST /api/internships/{id}/withdrawal"] = [BaseAdministrator, University, Company, Applicant],
        ["PUT /api/internships/{id}/agreement"] = [BaseAdministrator, Company, University],
        ["POST /api/internships/{id}/agreement/signatures"] = [BaseAdministrator, Company, University, Applicant],
        ["POST /api/internships/{id}/permit-endorsement"] = [ExitEntryOfficer],
        ["POST /api/internships/{id}/start"] = [BaseAdministrator, Company],
        ["POST /api/internships/{id}/evaluations"] = [BaseAdministrator, Company],
        ["POST /api/internships/{id}/host-evaluation"] = [BaseAdministrator, Applicant],
        ["POST /api/internships/{id}/completion"] = [BaseAdministrator, Company],
        ["POST /api/internships/{id}/termination"] = [BaseAdministrator, Company, University, Applicant],
        ["POST /api/internships/{id}/amendments"] = [BaseAdministrator, Company, University, Applicant],
        ["POST /api/internships/{id}/amendments/{amendmentId}/signatures"] = [BaseAdministrator, Company, University, Applicant],
    };
}
