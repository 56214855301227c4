using System.Security.Claims;
using FluentValidation;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Permits.Deciding;

/// <summary>The authority granted the permit: its number and the days it is valid, both included.</summary>
public record ApprovePermit([property: PersonalData] string PermitNumber, DateOnly ValidFrom, DateOnly ValidUntil)
{
    public static ApprovePermit Example { get; } = new("XM2026R0012345", new DateOnly(2026, 7, 1), new DateOnly(2027, 6, 30));

    public sealed class Validator : AbstractValidator<ApprovePermit>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.PermitNumber).NotEmpty().Matches("^[A-Za-z0-9-]{4,40}$")
                .WithMessage("A permit number has 4 to 40 letters, digits and hyphens.", "许可证号码由 4 至 40 位字母、数字和连字符组成。");
            RuleFor(x => x.ValidFrom).NotEmpty();
            RuleFor(x => x.ValidUntil).NotEmpty();
        }
    }

    /// <param name="approvedNumber">The number of the permit the case was approved with, when it was (to tell a retry from a change).</param>
    public static Decision Decide(PermitCase permitCase, ApprovePermit approval, string encryptedPermitNumber, string? approvedNumber, DateTimeOffset now)
    {
        if (permitCase.State == PermitCaseState.Approved && permitCase.ValidFrom == approval.ValidFrom && permitCase.ValidUntil == approval.ValidUntil
            && approvedNumber == approval.PermitNumber)
        {
            return Decision.Nothing;
        }

        if (permitCase.State != PermitCaseState.Forwarded)
        {
            return new Refusal("only-a-forwarded-case-is-decided",
                $"The case is {permitCase.State}; the base forwards it to the authority before it is decided.",
                $"该案件当前状态为 {permitCase.State}；须由基地转交主管机关后方可作出决定。");
        }

        if (approval.ValidUntil < approval.ValidFrom)
        {
            return new Refusal("a-permit-ends-after-it-starts",
                $"The permit would end on {approval.ValidUntil:yyyy-MM-dd}, before it starts on {approval.ValidFrom:yyyy-MM-dd}.",
                $"许可有效期截止日 {approval.ValidUntil:yyyy-MM-dd} 早于起始日 {approval.ValidFrom:yyyy-MM-dd}。");
        }

        return Decision.Of(new PermitApproved(permitCase.Id, permitCase.PersonId, permitCase.Type, encryptedPermitNumber, approval.ValidFrom,
            approval.ValidUntil, now));
    }
}

public static class ApprovePermitEndpoint
{
    public static ProblemDetails Validate(ApprovePermit command) => ApprovePermit.Validator.Instance.Check(command);

    /// <summary>Only the authority the case was forwarded to decides it; to any other partner the case does not exist.</summary>
    [WolverinePost("/api/permit-cases/{id}/approval", Name = "ApprovePermit")]
    [AllowPermitAuthorities]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("Record that the authority granted the permit, with its number and validity")]
    public static async Task<(IResult, Events)> Post(
        ApprovePermit command,
        [WriteAggregate] PermitCase permitCase,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IDocumentSession session,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        if (!user.Partner().Decides(permitCase))
        {
            return (Results.NotFound(), []);
        }

        var key = await session.KeyForAsync(permitCase.PersonId, cancellation);
        if (key.IsErased)
        {
            return (Results.Problem(new Refusal("an-erased-person-has-no-permit",
                "The person's personal data was erased; nothing more is kept about them.", "该人员的个人数据已删除；不再保存其任何信息。").ToProblem()), []);
        }

        var now = clock.GetUtcNow();
        var approval = command with { PermitNumber = command.PermitNumber.Trim().ToUpperInvariant() };
        var (result, events) = ApprovePermit.Decide(permitCase, approval, key.Protect(approval.PermitNumber), key.Reveal(permitCase.EncryptedPermitNumber), now)
            .Respond(request, response, permitCase.Version);
        if (events.Count > 0 && PermitTypes.IsResidencePermit(permitCase.Type))
        {
            session.Events.Append(permitCase.PersonId, new ResidencePermitRecorded(permitCase.PersonId, permitCase.Id, approval.ValidFrom, approval.ValidUntil, now));
        }

        return (result, events);
    }
}
