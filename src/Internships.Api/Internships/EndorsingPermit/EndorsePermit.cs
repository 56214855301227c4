using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.EndorsingPermit;

/// <summary>The exit-entry administration records its endorsement of the internship's place and period on the residence permit.</summary>
/// <param name="Reference">The administration's own reference for the endorsement.</param>
/// <param name="PermitCaseId">The student's approved residence-permit case (one-window service) the endorsement rests on, if any.</param>
public record EndorsePermit(string Place, DateOnly ValidFrom, DateOnly ValidUntil, string Reference, Guid? PermitCaseId = null)
{
    public static EndorsePermit Example { get; } = new(
        "Software Park Phase I, Xiamen", new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), "XM-EE-2024-001234");

    public sealed class Validator : AbstractValidator<EndorsePermit>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Place).NotEmpty().MaximumLength(200);
            RuleFor(x => x.ValidFrom).NotEmpty();
            RuleFor(x => x.ValidUntil).NotEmpty().GreaterThanOrEqualTo(x => x.ValidFrom).WithMessage("The endorsement must end after it begins.",
                "签注的结束日期不得早于开始日期。");
            RuleFor(x => x.Reference).NotEmpty().MaximumLength(100);
        }
    }

    /// <summary>
    /// The endorsement must cover the agreement's whole period and name its workplace. An internship already endorsed may
    /// be endorsed again (e.g. after an amendment moved its dates).
    /// </summary>
    /// <param name="cited">The permit case the endorsement cites, as stored (null when it cites none, or none such exists).</param>
    public static Decision Decide(Internship internship, PermitEndorsement endorsement, DateTimeOffset now, Permits.PermitCase? cited = null)
    {
        if (!internship.IsActive || internship.Terms is not { } terms)
        {
            return new Refusal("endorsement-needs-a-signed-agreement",
                $"The internship is {internship.State}; there is no signed agreement to endorse.",
                $"该实习当前状态为 {internship.State}；没有可供签注的已签署实习协议。");
        }

        if (endorsement.ValidFrom > terms.StartDate || endorsement.ValidUntil < terms.EndDate)
        {
            return new Refusal("endorsement-must-cover-the-agreement-period",
                $"The agreement runs from {terms.StartDate:yyyy-MM-dd} to {terms.EndDate:yyyy-MM-dd}; the endorsement must cover all of it.",
                $"实习协议期限为 {terms.StartDate:yyyy-MM-dd} 至 {terms.EndDate:yyyy-MM-dd}；签注须涵盖整个期限。");
        }

        if (!endorsement.Covers(terms))
        {
            return new Refusal("endorsement-must-name-the-workplace",
                $"The agreement's workplace is '{terms.Workplace}'.",
                $"实习协议约定的工作地点为 '{terms.Workplace}'。");
        }

        if (endorsement.PermitCaseId is not null
            && !(cited is { State: Permits.PermitCaseState.Approved, Type: Permits.PermitType.ResidenceForInternship } && cited.PersonId == internship.StudentId))
        {
            return new Refusal("an-endorsement-cites-the-student-s-approved-permit-case",
                "The cited permit case is not the student's approved residence permit for an internship.",
                "所引用的许可案件不是该学生已获批准的实习类居留许可。");
        }

        if (cited is { ValidFrom: { } from, ValidUntil: { } until } && (from > terms.StartDate || until < terms.EndDate))
        {
            return new Refusal("the-cited-permit-must-cover-the-agreement-period",
                $"The cited permit is valid from {from:yyyy-MM-dd} to {until:yyyy-MM-dd}; the agreement runs from {terms.StartDate:yyyy-MM-dd} to {terms.EndDate:yyyy-MM-dd}.",
                $"所引用的许可有效期为 {from:yyyy-MM-dd} 至 {until:yyyy-MM-dd}；实习协议期限为 {terms.StartDate:yyyy-MM-dd} 至 {terms.EndDate:yyyy-MM-dd}。");
        }

        return internship.Endorsement == endorsement ? Decision.Nothing : Decision.Of(new PermitEndorsed(internship.Id, endorsement, now));
    }
}

public static class EndorsePermitEndpoint
{
    public static ProblemDetails Validate(EndorsePermit command) => EndorsePermit.Validator.Instance.Check(command);

    [WolverinePost("/api/internships/{id}/permit-endorsement", Name = "EndorsePermit")]
    [Allow(PartnerRole.ExitEntryOfficer)]
    [EndpointSummary("Record the residence-permit endorsement of the internship's place and period (居留许可加注)")]
    public static async Task<(IResult, Events)> Post(
        EndorsePermit command, [WriteAggregate] Internship internship, HttpRequest request, HttpResponse response, IQuerySession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var cited = command.PermitCaseId is { } caseId ? await session.LoadAsync<Permits.PermitCase>(caseId, cancellation) : null;
        return EndorsePermit.Decide(internship,
            new PermitEndorsement(command.Place.Trim(), command.ValidFrom, command.ValidUntil, command.Reference.Trim(), command.PermitCaseId),
            clock.GetUtcNow(), cited).Respond(request, response, internship.Version);
    }
}
