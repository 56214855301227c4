using StudentBase.ServiceDefaults.Partners;
using StudentBase.Testing;
using static StudentBase.ServiceDefaults.Partners.PartnerRole;

namespace Subsidies.Tests;

public class EndpointAccess(SubsidiesFixture fixture) : EndpointAccessSpecification<Program>(fixture)
{
    protected override IReadOnlyDictionary<string, PartnerRole[]> Access => new Dictionary<string, PartnerRole[]>
    {
        ["GET /api/students/{id}"] = [BaseAdministrator, University, SubsidyReviewer, Finance, Analyst, Applicant],
    };
}
