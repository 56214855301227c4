using System.Security.Claims;
using Internships.PersonalData;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Universities.NamingCoordinator;

public static class NameCoordinatorEndpoint
{
    public static ProblemDetails Validate(Contact command) => Contact.Validator.Instance.Check(command);

    /// <summary>Naming the coordinator already on record changes nothing, so a retry is safe.</summary>
    [WolverinePut("/api/universities/{id}/coordinator", Name = "NameUniversityCoordinator")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University)]
    [EndpointSummary("Name the university's coordinator for the programme")]
    public static async Task<(IResult, Events)> Put(
        Contact command,
        [WriteAggregate] University university,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IDocumentSession session,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        if (!user.Partner().ActsForUniversity(university.Id))
        {
            return (Results.NotFound(), []);
        }

        var current = await Contact.RevealAsync(session, university.Id, university.EncryptedCoordinator, cancellation);
        var coordinator = command with { Name = command.Name.Trim(), Email = command.Email.Trim() };
        var decision = coordinator == current
            ? Decision.Nothing
            : Decision.Of(new UniversityCoordinatorNamed(
                university.Id,
                await coordinator.ProtectAgainAsync(session, university.Id, cancellation),
                clock.GetUtcNow()));
        return decision.Respond(request, response, university.Version);
    }
}
