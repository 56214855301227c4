using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Permits.Deciding;

/// <summary>The authority refused the permit, with its reasons.</summary>
public record RefusePermit(IReadOnlyList<string> Reasons)
{
    public static RefusePermit Example { get; } = new(["The hosting company's business scope does not cover the internship's work."]);

    public sealed class Validator : AbstractValidator<RefusePermit>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Reasons).Cascade(CascadeMode.Stop).NotEmpty().Must(reasons => reasons.Count <= 20).WithMessage("Give 1 to 20 reasons.", "请给出 1 至 20 条理由。");
            RuleForEach(x => x.Reasons).NotEmpty().MaximumLength(500);
        }
    }

    public static Decision Decide(PermitCase permitCase, IReadOnlyList<string> reasons, DateTimeOffset now) => permitCase.State switch
    {
        PermitCaseState.Refused => Decision.Nothing,
        PermitCaseState.Forwarded => Decision.Of(new PermitRefused(permitCase.Id, reasons, now)),
        _ => new Refusal("only-a-forwarded-case-is-decided",
            $"The case is {permitCase.State}; the base forwards it to the authority before it is decided.",
            $"该案件当前状态为 {permitCase.State}；须由基地转交主管机关后方可作出决定。"),
    };
}

public static class RefusePermitEndpoint
{
    public static ProblemDetails Validate(RefusePermit command) => RefusePermit.Validator.Instance.Check(command);

    [WolverinePost("/api/permit-cases/{id}/refusal", Name = "RefusePermit")]
    [AllowPermitAuthorities]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("Record that the authority refused the permit, with its reasons")]
    public static (IResult, Events) Post(
        RefusePermit command, [WriteAggregate] PermitCase permitCase, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        user.Partner().Decides(permitCase)
            ? RefusePermit.Decide(permitCase, [.. command.Reasons.Select(reason => reason.Trim())], clock.GetUtcNow())
                .Respond(request, response, permitCase.Version)
            : (Results.NotFound(), []);
}
