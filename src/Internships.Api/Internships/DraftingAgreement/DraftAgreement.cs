using System.Security.Claims;
using FluentValidation;
using Internships.Placements;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.DraftingAgreement;

/// <summary>The terms of the tripartite agreement, for the three parties to sign. Drafting again withdraws earlier signatures.</summary>
/// <param name="MonthlyStipend">CNY a month; 0 for none.</param>
/// <param name="Workplace">Where the intern works; the placement's location when left out.</param>
public record DraftAgreement(
    DateOnly StartDate,
    DateOnly EndDate,
    int HoursPerWeek,
    string Supervisor,
    decimal MonthlyStipend,
    IReadOnlyList<string> LearningGoals,
    string? Workplace)
{
    public static DraftAgreement Example { get; } = new(
        new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), 24, "Zhang Wei, head of content", 3000m,
        ["Write three short-video scripts in Chinese", "Take part in a production from script to release"], null);

    public sealed class Validator : AbstractValidator<DraftAgreement>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.StartDate).NotEmpty();
            RuleFor(x => x.EndDate).NotEmpty().GreaterThan(x => x.StartDate).WithMessage("The end date must come after the start date.",
                "结束日期必须晚于开始日期。");
            RuleFor(x => x.HoursPerWeek).InclusiveBetween(1, 168);
            RuleFor(x => x.Supervisor).NotEmpty().MaximumLength(200);
            RuleFor(x => x.MonthlyStipend).GreaterThanOrEqualTo(0).PrecisionScale(12, 2, ignoreTrailingZeros: true);
            RuleFor(x => x.LearningGoals).NotEmpty().Must(goals => goals.Count <= 20).WithMessage("At most 20 learning goals.", "学习目标最多 20 项。");
            RuleForEach(x => x.LearningGoals).NotEmpty().MaximumLength(500);
            RuleFor(x => x.Workplace).NotEmpty().MaximumLength(200).When(x => x.Workplace is not null);
        }
    }

    public static Decision Decide(Internship internship, AgreementTerms terms, InternshipRules rules, DateTimeOffset now)
    {
        if (internship.State != InternshipState.Consented)
        {
            return internship.State switch
            {
                InternshipState.AwaitingConsent => new Refusal("agreement-needs-university-consent", "The university has not consented yet.", "高校尚未同意。"),
                InternshipState.Agreed or InternshipState.Endorsed or InternshipState.Started =>
                    new Refusal("a-signed-agreement-changes-only-by-amendment",
                        "All three parties signed; propose an amendment instead.",
                        "三方均已签署；请改为提出变更。"),
                _ => new Refusal("internship-is-closed", $"The internship is {internship.State}.", $"该实习当前状态为 {internship.State}。"),
            };
        }

        if (terms.HoursPerWeek > rules.MaximumHoursPerWeek)
        {
            return HoursLimit(rules);
        }

        return internship.Terms is { } current && SameTerms(current, terms)
            ? Decision.Nothing
            : Decision.Of(new AgreementDrafted(internship.Id, terms, now));
    }

    public static Refusal HoursLimit(InternshipRules rules) =>
        new("hours-per-week-within-limit",
            $"An intern works at most {rules.MaximumHoursPerWeek} hours a week.",
            $"实习学生每周工作时间不得超过 {rules.MaximumHoursPerWeek} 小时。");

    private static bool SameTerms(AgreementTerms current, AgreementTerms terms) =>
        current with { LearningGoals = terms.LearningGoals } == terms && current.LearningGoals.SequenceEqual(terms.LearningGoals);
}

public static class DraftAgreementEndpoint
{
    public static ProblemDetails Validate(DraftAgreement command) => DraftAgreement.Validator.Instance.Check(command);

    /// <summary>The company, the university or the base drafts the terms; the three parties then sign them.</summary>
    [WolverinePut("/api/internships/{id}/agreement", Name = "DraftAgreement")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company, PartnerRole.University)]
    [EndpointSummary("Draft the agreement's terms (dates, hours, supervisor, stipend, learning goals)")]
    public static async Task<(IResult, Events)> Put(
        DraftAgreement command,
        [WriteAggregate] Internship internship,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IDocumentSession session,
        IOptions<InternshipRules> rules,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (partner.Role != PartnerRole.BaseAdministrator && partner.PartyTo(internship) is null)
        {
            return (Results.NotFound(), []);
        }

        var workplace = command.Workplace?.Trim()
            ?? (await session.LoadAsync<Placement>(internship.PlacementId, cancellation))?.Offer.Location
            ?? "";
        var terms = new AgreementTerms(command.StartDate, command.EndDate, command.HoursPerWeek, command.Supervisor.Trim(), command.MonthlyStipend,
            command.LearningGoals.Select(goal => goal.Trim()).ToList(), workplace);
        return DraftAgreement.Decide(internship, terms, rules.Value, clock.GetUtcNow()).Respond(request, response, internship.Version);
    }
}
