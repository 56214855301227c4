using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Internships.Internships.Completing;

/// <summary>The internship is completed and its certificate issued, with the actual period (from the start to <paramref name="EndedOn"/>).</summary>
public record CompleteInternship(DateOnly EndedOn, string CertificateNumber)
{
    public static CompleteInternship Example { get; } = new(new DateOnly(2024, 9, 30), "XSP-INT-2024-0042");

    public sealed class Validator : AbstractValidator<CompleteInternship>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.EndedOn).NotEmpty();
            RuleFor(x => x.CertificateNumber).NotEmpty().MaximumLength(50);
        }
    }

    public static Decision Decide(Internship internship, DateOnly endedOn, string certificateNumber, DateTimeOffset now)
    {
        if (internship.State == InternshipState.Completed)
        {
            return internship.EndedOn == endedOn && internship.CertificateNumber == certificateNumber
                ? Decision.Nothing
                : new Refusal("internship-is-closed", "The internship was already completed.", "该实习已经完成。");
        }

        if (internship.State != InternshipState.Started || internship.StartedOn is not { } startedOn)
        {
            return new Refusal("completion-needs-a-started-internship", $"The internship is {internship.State}.", $"该实习当前状态为 {internship.State}。");
        }

        if (internship.FinalEvaluation is null)
        {
            return new Refusal("completion-needs-the-final-evaluation",
                "The company supervisor has not submitted the final evaluation.",
                "企业指导人员尚未提交终期评价。");
        }

        if (endedOn < startedOn)
        {
            return new Refusal("completion-ends-after-the-start",
                $"The internship started on {startedOn:yyyy-MM-dd}.",
                $"该实习开始于 {startedOn:yyyy-MM-dd}。");
        }

        return Decision.Of(new InternshipCompleted(internship.Id, startedOn, endedOn, certificateNumber, now))
            .Publishing(new Published.InternshipCompleted(internship.Id, internship.StudentId, internship.UniversityId, internship.BranchStationId,
                startedOn, endedOn, certificateNumber, now));
    }
}

public static class CompleteInternshipEndpoint
{
    public static ProblemDetails Validate(CompleteInternship command) => CompleteInternship.Validator.Instance.Check(command);

    [WolverinePost("/api/internships/{id}/completion", Name = "CompleteInternship")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company)]
    [EndpointSummary("Complete the internship and record its certificate")]
    public static (IResult, Events) Post(
        CompleteInternship command, [WriteAggregate] Internship internship, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        user.Partner().ActsFor(internship, AgreementParty.Company)
            ? CompleteInternship.Decide(internship, command.EndedOn, command.CertificateNumber.Trim(), clock.GetUtcNow())
                .Respond(request, response, internship.Version)
            : (Results.NotFound(), []);
}
