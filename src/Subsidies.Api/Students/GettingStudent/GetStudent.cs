using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Students.GettingStudent;

public static class GetStudentEndpoint
{
    [WolverineGet("/api/students/{id}", Name = "GetStudentRecord")]
    [Tags("Students")]
    [EndpointSummary("A student's record as the Subsidies service holds it (fed by the Internships service)")]
    public static StudentRecord Get([ReadAggregate] StudentRecord student) => student;
}
