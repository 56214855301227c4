using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Subsidies.Applications.Drafting;
using Wolverine.Http;
using Wolverine.Marten;

namespace Subsidies.Applications.Editing;

/// <summary>The applicant changes the draft, or the application the base returned; the facts are replaced as a whole.</summary>
public record EditApplication(DateOnly FounderBirthDate, CompanyFacts Company)
{
    public static EditApplication Example { get; } = new(new DateOnly(2001, 4, 12), CompanyFacts.Example);

    public sealed class Validator : AbstractValidator<EditApplication>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.FounderBirthDate).NotEmpty().GreaterThan(new DateOnly(1900, 1, 1));
            RuleFor(x => x.Company).NotNull().SetValidator(CompanyFacts.Validator.Instance);
        }
    }

    public static Decision Decide(SubsidyApplication application, CompanyFacts company, DateOnly birthDate, DateOnly? currentBirthDate, string encryptedBirthDate,
        DateTimeOffset now)
    {
        if (!application.IsOpenToTheApplicant)
        {
            return new Refusal("a-submitted-application-changes-only-when-returned",
                $"The application is {application.State}; the applicant can change it only while drafting or after the base returns it.",
                $"该申请当前状态为 {application.State}；申请人仅可在草拟阶段或基地退回补正后修改申请。");
        }

        return application.Facts.SameAs(company) && currentBirthDate == birthDate
            ? Decision.Nothing
            : Decision.Of(new ApplicationEdited(application.Id, company, encryptedBirthDate, now));
    }
}

public static class EditApplicationEndpoint
{
    public static ProblemDetails Validate(EditApplication command) => EditApplication.Validator.Instance.Check(command);

    [WolverinePut("/api/subsidy-applications/{id}", Name = "EditSubsidyApplication")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Applicant)]
    [Tags("Subsidy applications")]
    [EndpointSummary("Change a draft, or an application the base returned")]
    public static async Task<(IResult, Events)> Put(
        EditApplication command,
        [WriteAggregate] SubsidyApplication application,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IDocumentSession session,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (partner.Role == PartnerRole.Applicant && !partner.IsApplicant(application.ApplicantId))
        {
            return (Results.NotFound(), []);
        }

        var key = await session.KeyForAsync(application.Id, cancellation);
        if (key.IsErased)
        {
            return (Results.Problem(new Refusal("an-erased-founder-is-not-changed",
                "The founder's personal data was erased at their request; the application keeps only its company facts.",
                "应创始人本人要求，其个人数据已被删除；该申请仅保留企业信息。").ToProblem()), []);
        }

        var current = key.Reveal(application.EncryptedFounderBirthDate);
        var encrypted = key.Protect(command.FounderBirthDate.ToString("O", CultureInfo.InvariantCulture));
        return EditApplication.Decide(application, DraftApplication.Trimmed(command.Company), command.FounderBirthDate,
                current is null ? null : DateOnly.Parse(current, CultureInfo.InvariantCulture), encrypted, clock.GetUtcNow())
            .Respond(request, response, application.Version);
    }
}
