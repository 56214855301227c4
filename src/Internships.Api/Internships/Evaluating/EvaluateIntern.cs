using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.Evaluating;

/// <summary>The company supervisor's mid-term or final evaluation of the intern.</summary>
/// <param name="Rating">1 (poor) to 5 (excellent).</param>
public record EvaluateIntern(EvaluationStage Stage, int Rating, string Comments)
{
    public static EvaluateIntern Example { get; } = new(EvaluationStage.Final, 5, "Daniel's scripts were used in two published videos.");

    public sealed class Validator : AbstractValidator<EvaluateIntern>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Stage).IsInEnum();
            Include(new EvaluationValidator<EvaluateIntern>(x => x.Rating, x => x.Comments));
        }
    }

    public static Decision Decide(Internship internship, EvaluateIntern evaluation, DateTimeOffset now)
    {
        if (internship.State != InternshipState.Started)
        {
            return new Refusal("evaluations-need-a-started-internship", $"The internship is {internship.State}.", $"该实习当前状态为 {internship.State}。");
        }

        var earlier = evaluation.Stage == EvaluationStage.MidTerm ? internship.MidTermEvaluation : internship.FinalEvaluation;
        if (earlier is not null)
        {
            return earlier.Rating == evaluation.Rating && earlier.Comments == evaluation.Comments
                ? Decision.Nothing
                : new Refusal("one-evaluation-per-stage",
                    $"The {evaluation.Stage} evaluation was already submitted.",
                    $"{evaluation.Stage} 阶段的评价已提交。");
        }

        return Decision.Of(new InternEvaluated(internship.Id, evaluation.Stage, evaluation.Rating, evaluation.Comments, now));
    }
}

public static class EvaluateInternEndpoint
{
    public static ProblemDetails Validate(EvaluateIntern command) => EvaluateIntern.Validator.Instance.Check(command);

    [WolverinePost("/api/internships/{id}/evaluations", Name = "EvaluateIntern")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company)]
    [EndpointSummary("Submit the company supervisor's mid-term or final evaluation")]
    public static (IResult, Events) Post(
        EvaluateIntern command, [WriteAggregate] Internship internship, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        user.Partner().ActsFor(internship, AgreementParty.Company)
            ? EvaluateIntern.Decide(internship, command with { Comments = command.Comments.Trim() }, clock.GetUtcNow())
                .Respond(request, response, internship.Version)
            : (Results.NotFound(), []);
}
