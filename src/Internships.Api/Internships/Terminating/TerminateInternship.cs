using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Internships.Internships.Terminating;

/// <summary>A party (or the base) ends an agreed internship early, with the reason.</summary>
public record TerminateInternship(string Reason, DateOnly EndedOn)
{
    public static TerminateInternship Example { get; } = new("The student returns home for family reasons.", new DateOnly(2024, 8, 15));

    public sealed class Validator : AbstractValidator<TerminateInternship>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
            RuleFor(x => x.EndedOn).NotEmpty();
        }
    }

    public static Decision Decide(Internship internship, EndingParty by, string reason, DateOnly endedOn, DateTimeOffset now) => internship.State switch
    {
        InternshipState.Agreed or InternshipState.Endorsed or InternshipState.Started =>
            Decision.Of(new InternshipTerminated(internship.Id, by, reason, endedOn, now))
                .Publishing(new Published.InternshipTerminated(internship.Id, internship.StudentId, internship.BranchStationId, by.ToString(), endedOn, now)),
        InternshipState.Terminated => Decision.Nothing,
        InternshipState.AwaitingConsent or InternshipState.Consented =>
            new Refusal("an-intention-is-withdrawn-not-terminated",
                "Nothing binds the parties yet; withdraw the intention instead.",
                "各方尚未受任何约束；请改为撤回实习意向。"),
        _ => new Refusal("internship-is-closed", $"The internship is {internship.State}.", $"该实习当前状态为 {internship.State}。"),
    };
}

public static class TerminateInternshipEndpoint
{
    public static ProblemDetails Validate(TerminateInternship command) => TerminateInternship.Validator.Instance.Check(command);

    /// <summary>Records who ended it: the calling party, or the base.</summary>
    [WolverinePost("/api/internships/{id}/termination", Name = "TerminateInternship")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company, PartnerRole.University, PartnerRole.Applicant)]
    [EndpointSummary("Terminate an agreed internship early, with the reason")]
    public static (IResult, Events) Post(
        TerminateInternship command, [WriteAggregate] Internship internship, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        user.Partner().EndingPartyTo(internship) is { } by
            ? TerminateInternship.Decide(internship, by, command.Reason.Trim(), command.EndedOn, clock.GetUtcNow())
                .Respond(request, response, internship.Version)
            : (Results.NotFound(), []);
}
