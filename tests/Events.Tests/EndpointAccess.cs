using StudentBase.ServiceDefaults.Partners;
using StudentBase.Testing;
using static StudentBase.ServiceDefaults.Partners.PartnerRole;

namespace Events.Tests;

public class EndpointAccess(EventsFixture fixture) : EndpointAccessSpecification<Program>(fixture)
{
    protected override IReadOnlyDictionary<string, PartnerRole[]> Access => new Dictionary<string, PartnerRole[]>
    {
        ["GET /api/students/{id}"] = [BaseAdministrator, University, Analyst, Applicant],
        ["GET /api/host-companies"] = [BaseAdministrator, Analyst],
    };
}
