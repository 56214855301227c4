using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Students.GettingStudent;

public static class GetStudentEndpoint
{
    [WolverineGet("/api/students/{id}", Name = "GetStudent")]
    [Tags("Students")]
    [EndpointSummary("A student known to the Events service (fed by the Internships service)")]
    public static Student Get([ReadAggregate] Student student) => student;
}
