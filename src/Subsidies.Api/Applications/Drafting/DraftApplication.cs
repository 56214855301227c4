using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Drafting;

/// <summary>An applicant (a founder the Internships service registered as a student) drafts a subsidy application.</summary>
/// <param name="ApplicantId">The founder: their student id, shared by every service.</param>
/// <param name="FounderBirthDate">Personal data: stored encrypted, shown only to the applicant and the base.</param>
public record DraftApplication(Guid ApplicantId, DateOnly FounderBirthDate, CompanyFacts Company)
{
    public static DraftApplication Example { get; } = new(Guid.Parse("0196f0c4-0000-7000-8000-00000000c001"), new DateOnly(2001, 4, 12), CompanyFacts.Example);

    public sealed class Validator : AbstractValidator<DraftApplication>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.ApplicantId).NotEmpty();
            RuleFor(x => x.FounderBirthDate).NotEmpty().GreaterThan(new DateOnly(1900, 1, 1));
            RuleFor(x => x.Company).NotNull().SetValidator(CompanyFacts.Validator.Instance);
        }
    }

    public static CompanyFacts Trimmed(CompanyFacts company) => company with
    {
        CompanyName = company.CompanyName.Trim(),
        Field = company.Field.Trim(),
        BusinessPlanSummary = company.BusinessPlanSummary.Trim(),
        UnifiedSocialCreditCode = company.UnifiedSocialCreditCode.ToUpperInvariant(),
    };

    public static string ProtectBirthDate(IDocumentSession session, Guid applicationId, DateOnly birthDate) =>
        session.CreateFor(applicationId).Protect(birthDate.ToString("O", CultureInfo.InvariantCulture));
}

public static class DraftApplicationEndpoint
{
    public static ProblemDetails Validate(DraftApplication command) => DraftApplication.Validator.Instance.Check(command);

    /// <summary>An applicant drafts only for themselves; one application at a time per person.</summary>
    public static async Task<ProblemDetails> Before(DraftApplication command, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (partner.Role == PartnerRole.Applicant && !partner.IsApplicant(command.ApplicantId))
        {
            return Problems.Create(Problems.Forbidden, "An applicant applies only for themselves.", "申请人仅可为本人提出申请。");
        }

        if (await session.LoadAsync<PersonalDataKey>(command.ApplicantId, cancellation) is { IsErased: true })
        {
            return new Refusal("an-erased-person-does-not-apply",
                "The applicant's personal data was erased at their request; the base keeps nothing more about them.",
                "应申请人本人要求，其个人数据已被删除；基地不再保存其任何其他信息。").ToProblem();
        }

        var open = await session.Query<SubsidyApplication>().AnyAsync(
            application => application.ApplicantId == command.ApplicantId && application.State != ApplicationState.Ineligible
                && application.State != ApplicationState.Rejected && application.State != ApplicationState.Closed,
            cancellation);
        return open
            ? new Refusal("one-application-at-a-time", "The applicant already has an application in progress or granted.",
                "该申请人已有一项正在办理或已获批准的申请。").ToProblem()
            : WolverineContinue.NoProblems;
    }

    [WolverinePost("/api/subsidy-applications", Name = "DraftSubsidyApplication")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Applicant)]
    [Tags("Subsidy applications")]
    [EndpointSummary("Draft a startup-subsidy application")]
    public static (NewResource<Guid>, IStartStream) Post(DraftApplication command, IDocumentSession session, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var drafted = new ApplicationDrafted(id, command.ApplicantId, DraftApplication.Trimmed(command.Company),
            DraftApplication.ProtectBirthDate(session, id, command.FounderBirthDate), clock.GetUtcNow());
        return (new NewResource<Guid>(id, $"/api/subsidy-applications/{id}"), MartenOps.StartStream<SubsidyApplication>(id, drafted));
    }
}
