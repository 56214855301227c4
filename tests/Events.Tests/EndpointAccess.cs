using StudentBase.Contracts;
using StudentBase.Partners;
using StudentBase.Testing;
using static StudentBase.Contracts.PartnerRole;

namespace Events.Tests;

public class EndpointAccess(EventsFixture fixture) : EndpointAccessSpecification<Program>(fixture)
{
    protected override IReadOnlyDictionary<string, PartnerRole[]> Access => new Dictionary<string, PartnerRole[]>
    {
        ["GET /api/students/{id}"] = [BaseAdministrator, University, Analyst, Applicant],
        ["GET /api/host-companies"] = [BaseAdministrator, Analyst],
        ["POST /api/activities"] = [BaseAdministrator],
        ["POST /api/activity-series"] = [BaseAdministrator],
        ["GET /api/activities"] = [BaseAdministrator, University, Applicant, Analyst],
        ["GET /api/activities/{id}"] = [BaseAdministrator, University, Applicant, Analyst],
        ["POST /api/activities/{id}/rescheduling"] = [BaseAdministrator],
        ["POST /api/activities/{id}/cancellation"] = [BaseAdministrator],
        ["POST /api/activities/{id}/registrations"] = [BaseAdministrator, University, Applicant],
        ["GET /api/activities/{id}/registrations/{registrationId}"] = [BaseAdministrator, University, Applicant],
        ["POST /api/activities/{id}/registrations/{registrationId}/cancellation"] = [BaseAdministrator, University, Applicant],
        ["POST /api/activities/{id}/registrations/{registrationId}/approval"] = [BaseAdministrator],
        ["POST /api/activities/{id}/registrations/{registrationId}/decline"] = [BaseAdministrator],
        ["POST /api/activities/{id}/registrations/{registrationId}/offer-acceptance"] = [BaseAdministrator, University, Applicant],
        ["POST /api/activities/{id}/check-ins"] = [BaseAdministrator],
        ["POST /api/activities/{id}/check-ins/undo"] = [BaseAdministrator],
        ["POST /api/activities/{id}/attendance-closing"] = [BaseAdministrator],
        ["POST /api/activities/{id}/results"] = [BaseAdministrator],
        ["GET /api/activities/{id}/roster"] = [BaseAdministrator],
        ["GET /api/activities/{id}/waitlist-fairness"] = [BaseAdministrator, Analyst],
        ["GET /api/participants/{studentId}/activities"] = [BaseAdministrator, University, Applicant, Analyst],
        ["GET /api/activity-figures"] = [BaseAdministrator, Analyst],
    };
}
