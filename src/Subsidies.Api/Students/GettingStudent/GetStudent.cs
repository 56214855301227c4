using System.Security.Claims;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Students.GettingStudent;

public static class GetStudentEndpoint
{
    [WolverineGet("/api/students/{id}", Name = "GetStudentRecord")]
    [AnswersETag]
    [EndpointSummary("A student's record as the Subsidies service holds it (fed by the Internships service)")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.SubsidyReviewer, PartnerRole.Finance, PartnerRole.Analyst, PartnerRole.Applicant)]
    public static StudentRecord? Get([ReadAggregate] StudentRecord student, ClaimsPrincipal user, HttpResponse response)
    {
        if (!user.Partner().MaySeeStudent(student.Id, student.UniversityId))
        {
            return null;
        }

        response.SetETag(student.Version);
        return student;
    }
}
