using FluentValidation;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.EventSourcing;

namespace Subsidies.Policies;

/// <summary>Who may apply: the criteria eligibility is assessed against, each a number the city may change.</summary>
/// <param name="MinimumStaffMonths">For how many past months the company must have had <see cref="MinimumStaff"/> staff.</param>
/// <param name="MinimumBachelorShareOfTeam">The share of the team (0 to 1) that must hold a bachelor's degree.</param>
/// <param name="RequiresValidResidencePermit">
/// Whether the founder must hold a residence permit valid on the assessment day, as the Internships service reports it
/// (the 2022 measures do not ask it).
/// </param>
public record EligibilityCriteria(
    DegreeLevel MinimumDegree,
    int MaximumFounderAge,
    decimal MinimumFounderShareholdingPercent,
    int MinimumCompanyAgeMonths,
    int MaximumCompanyAgeMonths,
    decimal MinimumRdSpend,
    int MinimumStaff,
    int MinimumStaffMonths,
    int MinimumRdStaff,
    decimal MinimumBachelorShareOfTeam,
    bool RequiresValidResidencePermit = false);

/// <summary>One instalment of the plan a grant is paid in.</summary>
/// <param name="Amount">CNY.</param>
/// <param name="DeadlineMonths">Months after approval by which the milestone must be verified, or the instalment lapses; null for none.</param>
public record InstalmentTerms(string Name, decimal Amount, string Milestone, int? DeadlineMonths = null);

public record RubricCriterion(string Criterion, int MaximumScore);

/// <param name="RequiredReviews">Valid reviews (by reviewers without a conflict of interest) a decision needs.</param>
public record ReviewRules(int RequiredReviews, IReadOnlyList<RubricCriterion> Rubric);

/// <summary>
/// The city's support measures as data: published in versions, never changed in place; every assessment and decision
/// records the version it applied. Amounts are CNY.
/// </summary>
public record SubsidyPolicyTerms(
    string Version,
    string Title,
    DateOnly EffectiveFrom,
    EligibilityCriteria Eligibility,
    decimal MinimumAmount,
    decimal MaximumAmount,
    IReadOnlyList<InstalmentTerms> Instalments,
    ReviewRules Review)
{
    public sealed class Validator : AbstractValidator<SubsidyPolicyTerms>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Version).NotEmpty().Matches("^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$")
                .WithMessage("A version is up to 32 letters, digits, dots and hyphens, e.g. 2022-05.",
                    "版本号最多 32 个字符，仅可包含字母、数字、点和连字符，例如 2022-05。");
            RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
            RuleFor(x => x.EffectiveFrom).NotEmpty();
            RuleFor(x => x.Eligibility).NotNull();
            RuleFor(x => x.Eligibility.MinimumDegree).IsInEnum().When(x => x.Eligibility is not null);
            RuleFor(x => x.Eligibility.MaximumFounderAge).InclusiveBetween(18, 100).When(x => x.Eligibility is not null);
            RuleFor(x => x.Eligibility.MinimumFounderShareholdingPercent).InclusiveBetween(0, 100).When(x => x.Eligibility is not null);
            RuleFor(x => x.Eligibility.MaximumCompanyAgeMonths).GreaterThanOrEqualTo(x => x.Eligibility.MinimumCompanyAgeMonths)
                .When(x => x.Eligibility is not null);
            RuleFor(x => x.Eligibility.MinimumBachelorShareOfTeam).InclusiveBetween(0, 1).When(x => x.Eligibility is not null);
            RuleFor(x => x.MinimumAmount).GreaterThan(0);
            RuleFor(x => x.MaximumAmount).GreaterThanOrEqualTo(x => x.MinimumAmount);
            RuleFor(x => x.Instalments).NotEmpty();
            RuleForEach(x => x.Instalments).ChildRules(instalment =>
            {
                instalment.RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
                instalment.RuleFor(x => x.Amount).GreaterThan(0);
                instalment.RuleFor(x => x.Milestone).NotEmpty().MaximumLength(500);
                instalment.RuleFor(x => x.DeadlineMonths).InclusiveBetween(1, 120);
            });
            RuleFor(x => x.Instalments).Must((policy, instalments) => instalments.Sum(i => i.Amount) <= policy.MaximumAmount)
                .When(x => x.Instalments is not null).WithMessage("The instalments add up to more than the maximum amount.", "各期分期款合计超过最高金额。");
            RuleFor(x => x.Review).NotNull();
            RuleFor(x => x.Review.RequiredReviews).InclusiveBetween(1, 20).When(x => x.Review is not null);
            RuleFor(x => x.Review.Rubric).NotEmpty().When(x => x.Review is not null);
        }
    }
}

/// <summary>The base (or the configuration at start) published a version of the policy.</summary>
public record SubsidyPolicyPublished(Guid PolicyId, SubsidyPolicyTerms Terms, DateTimeOffset PublishedAt);

/// <summary>One published version; its stream id is derived from the version so a version is published once.</summary>
public class SubsidyPolicy
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public SubsidyPolicyTerms Terms { get; set; } = null!;
    public DateTimeOffset PublishedAt { get; set; }

    public static SubsidyPolicy Create(SubsidyPolicyPublished published) => new()
    {
        Id = published.PolicyId,
        Terms = published.Terms,
        PublishedAt = published.PublishedAt,
    };

    /// <summary>A stable id per version name, so publishing the same version twice collides instead of duplicating.</summary>
    public static Guid IdOf(string version) =>
        StreamIds.Named("subsidy-policy:" + version.ToUpperInvariant());
}
