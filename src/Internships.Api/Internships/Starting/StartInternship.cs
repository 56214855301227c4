using System.Security.Claims;
using FluentValidation;
using Internships.Internships.Deadlines;
using Internships.Internships.SigningAgreement;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Internships.Internships.Starting;

/// <summary>The host records the day the intern started.</summary>
public record StartInternship(DateOnly StartedOn)
{
    public static StartInternship Example { get; } = new(new DateOnly(2024, 7, 1));

    public sealed class Validator : AbstractValidator<StartInternship>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.StartedOn).NotEmpty();
    }

    /// <summary>
    /// Exit-entry practice: no start before the residence permit is endorsed for this internship's place and period,
    /// and none when the permit expires before the internship ends (or before the day it starts).
    /// </summary>
    public static Decision Decide(Internship internship, DateOnly startedOn, DateOnly residencePermitExpiry, InternshipRules rules, DateTimeOffset now)
    {
        if (internship.State == InternshipState.Started && internship.StartedOn == startedOn)
        {
            return Decision.Nothing;
        }

        if (internship.State == InternshipState.Agreed)
        {
            return new Refusal("no-start-before-permit-endorsement",
                "The residence permit has not been endorsed for this internship's place and period.", "居留许可尚未针对本次实习的地点和期限办理签注。");
        }

        if (internship.State != InternshipState.Endorsed || internship.Terms is not { } terms || internship.Endorsement is not { } endorsement)
        {
            return new Refusal("only-an-endorsed-internship-starts", $"The internship is {internship.State}.", $"该实习当前状态为 {internship.State}。");
        }

        if (!endorsement.Covers(terms))
        {
            return new Refusal("endorsement-must-cover-the-agreement-period",
                "The agreement changed since the endorsement; it needs a new one.",
                "办理签注后实习协议已有变更，需要重新办理签注。");
        }

        if (startedOn < terms.StartDate)
        {
            return new Refusal("no-start-before-the-agreed-start-date",
                $"The agreement starts on {terms.StartDate:yyyy-MM-dd}.",
                $"实习协议约定的开始日期为 {terms.StartDate:yyyy-MM-dd}。");
        }

        if (residencePermitExpiry < terms.EndDate || residencePermitExpiry < startedOn)
        {
            return SignAgreement.PermitMustCover(residencePermitExpiry, terms.EndDate);
        }

        return Decision.Of(new InternshipStarted(internship.Id, startedOn, now))
            .Publishing(new Published.InternshipStarted(internship.Id, internship.StudentId, internship.BranchStationId, startedOn, now));
    }
}

public static class StartInternshipEndpoint
{
    public static ProblemDetails Validate(StartInternship command) => StartInternship.Validator.Instance.Check(command);

    /// <summary>Starting also schedules the reminder raised if the final evaluation is not in by the end date plus the grace period.</summary>
    [WolverinePost("/api/internships/{id}/start", Name = "StartInternship")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company)]
    [EndpointSummary("Record that the internship started")]
    public static async Task<(IResult, Events, OutgoingMessages)> Post(
        StartInternship command,
        [WriteAggregate] Internship internship,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IQuerySession session,
        IOptions<InternshipRules> rules,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        if (!user.Partner().ActsFor(internship, AgreementParty.Company))
        {
            return (Results.NotFound(), [], []);
        }

        var student = await session.LoadAsync<Student>(internship.StudentId, cancellation);
        var decision = StartInternship.Decide(internship, command.StartedOn, student!.ResidencePermitExpiry, rules.Value, clock.GetUtcNow());
        var (result, events) = decision.Respond(request, response, internship.Version);
        var deadline = new OutgoingMessages();
        if (events.Count > 0)
        {
            deadline.Schedule(new FinalEvaluationDue(internship.Id), FinalEvaluationDue.DueAt(internship.Terms!, rules.Value));
        }

        return (result, events, deadline);
    }
}
