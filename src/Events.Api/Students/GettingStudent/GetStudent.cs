using System.Security.Claims;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Students.GettingStudent;

public static class GetStudentEndpoint
{
    [WolverineGet("/api/students/{id}", Name = "GetStudent")]
    [AnswersETag]
    [EndpointSummary("A student known to the Events service (fed by the Internships service)")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Analyst, PartnerRole.Applicant)]
    public static Student? Get([ReadAggregate] Student student, ClaimsPrincipal user, HttpResponse response)
    {
        if (!user.Partner().MaySeeStudent(student.Id, student.UniversityId))
        {
            return null;
        }

        response.SetETag(student.Version);
        return student;
    }
}
