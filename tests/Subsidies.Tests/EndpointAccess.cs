using StudentBase.Contracts;
using StudentBase.Partners;
using StudentBase.Testing;
using static StudentBase.Contracts.PartnerRole;

namespace Subsidies.Tests;

public class EndpointAccess(SubsidiesFixture fixture) : EndpointAccessSpecification<Program>(fixture)
{
    protected override IReadOnlyDictionary<string, PartnerRole[]> Access => new Dictionary<string, PartnerRole[]>
    {
        ["GET /api/students/{id}"] = [BaseAdministrator, University, SubsidyReviewer, Finance, Analyst, Applicant],
        ["POST /api/subsidy-policies"] = [BaseAdministrator],
        ["GET /api/subsidy-policies"] = [BaseAdministrator, SubsidyReviewer, Finance, Analyst, Applicant],
        ["GET /api/subsidy-policies/{version}"] = [BaseAdministrator, SubsidyReviewer, Finance, Analyst, Applicant],
        ["GET /api/subsidy-policies/{version}/what-if"] = [BaseAdministrator, Analyst],
        ["POST /api/subsidy-applications"] = [BaseAdministrator, Applicant],
        ["PUT /api/subsidy-applications/{id}"] = [BaseAdministrator, Applicant],
        ["GET /api/subsidy-applications/{id}"] = [BaseAdministrator, Applicant, SubsidyReviewer, Finance, Analyst],
        ["POST /api/subsidy-applications/{id}/submission"] = [BaseAdministrator, Applicant],
        ["POST /api/subsidy-applications/{id}/return"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/reviewers"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/conflict-of-interest"] = [SubsidyReviewer],
        ["POST /api/subsidy-applications/{id}/reviews"] = [SubsidyReviewer],
        ["POST /api/subsidy-applications/{id}/approval"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/rejection"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/instalments/{number}/milestone-verification"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/instalments/{number}/release"] = [Finance],
        ["POST /api/subsidy-applications/{id}/withholding"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/payment-resumption"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/suspension"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/reinstatement"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/termination"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/claw-back"] = [BaseAdministrator],
        ["POST /api/subsidy-applications/{id}/closing"] = [BaseAdministrator],
        ["GET /api/subsidy-pipeline"] = [BaseAdministrator, Finance, Analyst],
        ["GET /api/subsidy-applications"] = [BaseAdministrator, Applicant, SubsidyReviewer, Finance, Analyst],
    };
}
