using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.Evaluating;

/// <summary>The student's evaluation of the host company.</summary>
/// <param name="Rating">1 (poor) to 5 (excellent).</param>
public record EvaluateHost(int Rating, string Comments)
{
    public static EvaluateHost Example { get; } = new(5, "Real work from the first week, and a supervisor who explained every decision.");

    public sealed class Validator : AbstractValidator<EvaluateHost>
    {
        public static readonly Validator Instance = new();

        public Validator() => Include(new EvaluationValidator<EvaluateHost>(x => x.Rating, x => x.Comments));
    }

    public static Decision Decide(Internship internship, EvaluateHost evaluation, DateTimeOffset now)
    {
        if (internship.State is not (InternshipState.Started or InternshipState.Completed or InternshipState.Terminated) || internship.StartedOn is null)
        {
            return new Refusal("host-evaluation-needs-a-started-internship",
                $"The internship is {internship.State}.",
                $"该实习当前状态为 {internship.State}。");
        }

        if (internship.HostEvaluation is { } earlier)
        {
            return earlier.Rating == evaluation.Rating && earlier.Comments == evaluation.Comments
                ? Decision.Nothing
                : new Refusal("one-evaluation-per-stage", "The student already evaluated the host.", "该学生已对接收企业作出评价。");
        }

        return Decision.Of(new HostEvaluated(internship.Id, evaluation.Rating, evaluation.Comments, now));
    }
}

public static class EvaluateHostEndpoint
{
    public static ProblemDetails Validate(EvaluateHost command) => EvaluateHost.Validator.Instance.Check(command);

    [WolverinePost("/api/internships/{id}/host-evaluation", Name = "EvaluateHost")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Applicant)]
    [EndpointSummary("Submit the student's evaluation of the host company")]
    public static (IResult, Events) Post(
        EvaluateHost command, [WriteAggregate] Internship internship, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        user.Partner().ActsFor(internship, AgreementParty.Student)
            ? EvaluateHost.Decide(internship, command with { Comments = command.Comments.Trim() }, clock.GetUtcNow())
                .Respond(request, response, internship.Version)
            : (Results.NotFound(), []);
}
