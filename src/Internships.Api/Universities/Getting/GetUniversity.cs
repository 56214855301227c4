using System.Security.Claims;
using Internships.PersonalData;
using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Universities.Getting;

/// <param name="Coordinator">Shown to the base and to the university itself; null for everyone else and once erased.</param>
public record UniversityDetails(Guid Id, string Name, string City, Contact? Coordinator, DateTimeOffset RegisteredAt, int Version)
{
    public static UniversityDetails Example { get; } = new(
        Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "Xiamen University (厦门大学)", "Xiamen",
        new Contact("Chen Jing", "+86 592 218 0000", "overseas-education@xmu.example"),
        new DateTimeOffset(2022, 5, 10, 9, 0, 0, TimeSpan.FromHours(8)), 1);
}

public static class GetUniversityEndpoint
{
    [WolverineGet("/api/universities/{id}", Name = "GetUniversity")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Company, PartnerRole.ExitEntryOfficer, PartnerRole.Analyst)]
    [AnswersETag]
    [EndpointSummary("A partner university and its coordinator")]
    public static async Task<UniversityDetails> Get(
        [ReadAggregate] University university, ClaimsPrincipal user, HttpResponse response, IQuerySession session, CancellationToken cancellation)
    {
        var coordinator = user.Partner().ActsForUniversity(university.Id)
            ? await Contact.RevealAsync(session, university.Id, university.EncryptedCoordinator, cancellation)
            : null;

        response.SetETag(university.Version);
        return new UniversityDetails(university.Id, university.Name, university.City, coordinator, university.RegisteredAt, university.Version);
    }
}
