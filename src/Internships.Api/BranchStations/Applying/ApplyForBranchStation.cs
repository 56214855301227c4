using FluentValidation;
using Internships.PersonalData;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.BranchStations.Applying;

/// <summary>A company applies to become a branch station; the base records the application.</summary>
/// <param name="Contact">The company's contact for the programme: stored encrypted, shown only to the base and the company.</param>
public record ApplyForBranchStation(string Name, string UnifiedSocialCreditCode, string Industry, Contact Contact)
{
    public static ApplyForBranchStation Example { get; } = new(
        "Xiamen Paoyou Network Technology Co., Ltd. (厦门泡游网络科技有限公司)", "91350200MA31J7W439", "Digital content",
        new Contact("Lin Wei", "+86 592 555 0101", "hr@paoyou.example"));

    public sealed class Validator : AbstractValidator<ApplyForBranchStation>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            RuleFor(x => x.UnifiedSocialCreditCode).NotEmpty()
                .Must(BranchStations.UnifiedSocialCreditCode.IsValid)
                .WithMessage("Not a unified social credit code: 18 characters whose last is the GB 32100-2015 check character.",
                    "不是有效的统一社会信用代码：应为 18 位字符，最后一位为 GB 32100-2015 规定的校验码。");
            RuleFor(x => x.Industry).NotEmpty().MaximumLength(100);
            RuleFor(x => x.Contact).NotNull().SetValidator(Contact.Validator.Instance);
        }
    }
}

public static class ApplyForBranchStationEndpoint
{
    public static ProblemDetails Validate(ApplyForBranchStation command) => ApplyForBranchStation.Validator.Instance.Check(command);

    /// <summary>One company, one branch station: a second application under the same code is refused.</summary>
    public static async Task<ProblemDetails> Before(ApplyForBranchStation command, IQuerySession session, CancellationToken cancellation) =>
        await session.Query<BranchStation>().AnyAsync(station => station.UnifiedSocialCreditCode == command.UnifiedSocialCreditCode, cancellation)
            ? new Refusal("one-branch-station-per-company",
                "This company has already applied or is already a branch station.",
                "该企业已提出申请或已是分站。").ToProblem()
            : WolverineContinue.NoProblems;

    [WolverinePost("/api/branch-stations", Name = "ApplyForBranchStation")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Record a company's application to become a branch station")]
    public static (NewResource<Guid>, IStartStream) Post(ApplyForBranchStation command, IDocumentSession session, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var contact = command.Contact.Protect(session, id);
        var applied = new BranchStationApplied(id, command.Name.Trim(), command.UnifiedSocialCreditCode, command.Industry.Trim(), contact, clock.GetUtcNow());
        return (new NewResource<Guid>(id, $"/api/branch-stations/{id}"), MartenOps.StartStream<BranchStation>(id, applied));
    }
}
