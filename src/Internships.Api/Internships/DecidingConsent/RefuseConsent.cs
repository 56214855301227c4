using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.DecidingConsent;

/// <summary>The university refuses the internship, with its reason.</summary>
public record RefuseConsent(string Reason)
{
    public static RefuseConsent Example { get; } = new("The internship overlaps the examination period.");

    public sealed class Validator : AbstractValidator<RefuseConsent>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }

    public static Decision Decide(Internship internship, Partner partner, string reason, DateTimeOffset now)
    {
        if (partner.Role == PartnerRole.University && partner.ScopeId != internship.UniversityId)
        {
            return GiveConsent.OnlyTheOwnUniversity;
        }

        return internship.State switch
        {
            InternshipState.AwaitingConsent => Decision.Of(new UniversityRefusedConsent(internship.Id, reason, now)),
            InternshipState.ConsentRefused => Decision.Nothing,
            _ => GiveConsent.NotAwaitingConsent(internship),
        };
    }
}

public static class RefuseConsentEndpoint
{
    public static ProblemDetails Validate(RefuseConsent command) => RefuseConsent.Validator.Instance.Check(command);

    [WolverinePost("/api/internships/{id}/consent-refusal", Name = "RefuseConsent")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University)]
    [EndpointSummary("The student's university refuses the internship, with its reason")]
    public static (IResult, Events) Post(
        RefuseConsent command, [WriteAggregate] Internship internship, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        RefuseConsent.Decide(internship, user.Partner(), command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, internship.Version);
}
