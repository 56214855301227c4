using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.WithdrawingIntention;

/// <summary>A party (or the base) withdraws an intention before the agreement binds them; once signed, terminate instead.</summary>
public record WithdrawIntention(string Reason)
{
    public static WithdrawIntention Example { get; } = new("The student accepted another placement.");

    public sealed class Validator : AbstractValidator<WithdrawIntention>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }

    public static Decision Decide(Internship internship, EndingParty by, string reason, DateTimeOffset now) => internship.State switch
    {
        InternshipState.AwaitingConsent or InternshipState.Consented => Decision.Of(new IntentionWithdrawn(internship.Id, by, reason, now)),
        InternshipState.Withdrawn => Decision.Nothing,
        InternshipState.Agreed or InternshipState.Endorsed or InternshipState.Started =>
            new Refusal("a-signed-agreement-is-terminated-not-withdrawn",
                "All three parties signed; terminate the internship instead.",
                "三方均已签署；请改为终止实习。"),
        _ => new Refusal("only-an-open-intention-is-withdrawn", $"The internship is {internship.State}.", $"该实习当前状态为 {internship.State}。"),
    };
}

public static class WithdrawIntentionEndpoint
{
    public static ProblemDetails Validate(WithdrawIntention command) => WithdrawIntention.Validator.Instance.Check(command);

    [WolverinePost("/api/internships/{id}/withdrawal", Name = "WithdrawIntention")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Company, PartnerRole.Applicant)]
    [EndpointSummary("Withdraw an intention before the agreement is signed by all three parties")]
    public static (IResult, Events) Post(
        WithdrawIntention command, [WriteAggregate] Internship internship, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        user.Partner().EndingPartyTo(internship) is { } by
            ? WithdrawIntention.Decide(internship, by, command.Reason.Trim(), clock.GetUtcNow()).Respond(request, response, internship.Version)
            : (Results.NotFound(), []);
}
