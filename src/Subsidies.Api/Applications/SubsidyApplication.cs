using FluentValidation;
using StudentBase.Http;
using StudentBase.PersonalData;

namespace Subsidies.Applications;

public enum ApplicationState
{
    Draft = 1,
    /// <summary>Submitted and eligible: waiting for review.</summary>
    Eligible = 2,
    /// <summary>Submitted and assessed ineligible; every failing criterion is recorded.</summary>
    Ineligible = 3,
    /// <summary>The base returned it for changes; the applicant edits and resubmits.</summary>
    Returned = 4,
    Approved = 5,
    Rejected = 6,
    Closed = 7,
    /// <summary>The base ended the grant early; instalments not yet paid will not be.</summary>
    Terminated = 8,
}

/// <summary>Whether the founder is the company's legal representative or its technical lead.</summary>
public enum FounderRole
{
    LegalRepresentative = 1,
    TechnicalLead = 2,
}

/// <summary>The company's and founder's facts an applicant declares; the founder's birth date is kept apart, encrypted.</summary>
/// <param name="StaffByMonth">Staff counts of the last months, the most recent first.</param>
/// <param name="TeamWithBachelor">How many of the team hold a bachelor's degree or above.</param>
/// <param name="RdSpend">CNY spent on research and development.</param>
/// <param name="RequestedAmount">CNY.</param>
public record CompanyFacts(
    string CompanyName,
    string UnifiedSocialCreditCode,
    DateOnly RegisteredOn,
    FounderRole FounderRole,
    decimal FounderShareholdingPercent,
    IReadOnlyList<int> StaffByMonth,
    int RdStaff,
    int TeamWithBachelor,
    decimal RdSpend,
    string Field,
    string BusinessPlanSummary,
    decimal RequestedAmount)
{
    public static CompanyFacts Example { get; } = new(
        "Xiamen Storyline Media Technology Co., Ltd.", "91350200MA8UEX3L0B", new DateOnly(2025, 3, 1), FounderRole.LegalRepresentative, 60m,
        [7, 6, 6, 5], 4, 6, 260_000m, "Digital content", "Interactive Chinese-learning stories for young audiences abroad.", 500_000m);

    /// <summary>Two facts are the same when every value is; lists compare by their items.</summary>
    public bool SameAs(CompanyFacts other) => this with { StaffByMonth = other.StaffByMonth } == other && StaffByMonth.SequenceEqual(other.StaffByMonth);

    public sealed class Validator : AbstractValidator<CompanyFacts>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.CompanyName).NotEmpty().MaximumLength(200);
            RuleFor(x => x.UnifiedSocialCreditCode).NotEmpty().Matches("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")
                .WithMessage("Not a unified social credit code (18 characters).", "不是有效的统一社会信用代码（18 位）。");
            RuleFor(x => x.RegisteredOn).NotEmpty();
            RuleFor(x => x.FounderRole).IsInEnum();
            RuleFor(x => x.FounderShareholdingPercent).InclusiveBetween(0, 100);
            RuleFor(x => x.StaffByMonth).NotEmpty().Must(months => months.Count <= 24 && months.All(count => count is >= 0 and <= 100_000))
                .WithMessage("Give up to 24 monthly staff counts, the most recent first.", "请提供最多 24 个月的月度员工人数，最近月份在前。");
            RuleFor(x => x.RdStaff).GreaterThanOrEqualTo(0);
            RuleFor(x => x.TeamWithBachelor).GreaterThanOrEqualTo(0);
            RuleFor(x => x.RdSpend).GreaterThanOrEqualTo(0).PrecisionScale(14, 2, ignoreTrailingZeros: true);
            RuleFor(x => x.Field).NotEmpty().MaximumLength(100);
            RuleFor(x => x.BusinessPlanSummary).NotEmpty().MaximumLength(4000);
            RuleFor(x => x.RequestedAmount).GreaterThan(0).PrecisionScale(14, 2, ignoreTrailingZeros: true);
        }
    }
}

/// <summary>One criterion of the policy, passed or failed, with the reason in words an applicant can act on.</summary>
public record CriterionResult(string Criterion, bool Passed, string Reason);

/// <summary>What the other services reported that speaks for the applicant, recorded with the assessment.</summary>
public record SupportingFacts(int CompletedInternships, int CompletedTrainings, IReadOnlyList<string> Awards);

public record ApplicationDrafted(Guid ApplicationId, Guid ApplicantId, CompanyFacts Facts, [PersonalData] string EncryptedFounderBirthDate, DateTimeOffset DraftedAt);

public record ApplicationEdited(Guid ApplicationId, CompanyFacts Facts, [PersonalData] string EncryptedFounderBirthDate, DateTimeOffset EditedAt);

/// <summary>The applicant submitted; from now on only the base can open it for changes again.</summary>
public record ApplicationSubmitted(Guid ApplicationId, DateTimeOffset SubmittedAt);

/// <summary>Eligibility assessed on submission under the named policy version, every criterion with its result.</summary>
public record EligibilityAssessed(
    Guid ApplicationId, string PolicyVersion, bool Eligible, IReadOnlyList<CriterionResult> Criteria, SupportingFacts SupportingFacts, DateTimeOffset AssessedAt);

/// <summary>The base returned the application for changes, with its reasons.</summary>
public record ApplicationReturned(Guid ApplicationId, IReadOnlyList<string> Reasons, DateTimeOffset ReturnedAt);

/// <summary>The base assigned an expert to review the application.</summary>
/// <param name="ReviewerId">The reviewer's partner id (the partner behind a SubsidyReviewer key).</param>
public record ReviewerAssigned(Guid ApplicationId, string ReviewerId, DateTimeOffset AssignedAt);

/// <summary>The reviewer declared a conflict of interest: excluded, and any review of theirs no longer counts.</summary>
public record ConflictOfInterestDeclared(Guid ApplicationId, string ReviewerId, string Reason, DateTimeOffset DeclaredAt);

/// <summary>A review: one score per rubric criterion.</summary>
public record ReviewSubmitted(Guid ApplicationId, string ReviewerId, IReadOnlyDictionary<string, int> Scores, string Comments, DateTimeOffset SubmittedAt);

public enum InstalmentState
{
    /// <summary>Its milestone is not verified yet.</summary>
    Pending = 1,
    MilestoneVerified = 2,
    Released = 3,
    /// <summary>Its milestone deadline passed unmet.</summary>
    Lapsed = 4,
}

/// <summary>One instalment of a granted subsidy as planned at approval.</summary>
/// <param name="Amount">CNY.</param>
/// <param name="DueBy">When the milestone must be verified by, or the instalment lapses; null for no deadline.</param>
public record PlannedInstalment(int Number, string Name, decimal Amount, string Milestone, DateTimeOffset? DueBy);

/// <summary>The base approved the grant: the amount and its instalment plan, which add up exactly.</summary>
public record ApplicationApproved(Guid ApplicationId, decimal Amount, string PolicyVersion, IReadOnlyList<PlannedInstalment> Instalments, DateTimeOffset ApprovedAt);

public record ApplicationRejected(Guid ApplicationId, IReadOnlyList<string> Reasons, DateTimeOffset RejectedAt);

/// <summary>The base verified an instalment's milestone, with the evidence it relied on.</summary>
public record MilestoneVerified(Guid ApplicationId, int Instalment, string Evidence, DateTimeOffset VerifiedAt);

/// <summary>Finance paid the instalment.</summary>
public record InstalmentReleased(Guid ApplicationId, int Instalment, decimal Amount, string PaymentReference, DateTimeOffset ReleasedAt);

/// <summary>The milestone deadline passed unmet: the instalment will not be paid.</summary>
public record InstalmentLapsed(Guid ApplicationId, int Instalment, DateTimeOffset LapsedAt);

/// <summary>The base stopped payments for now (e.g. pending an inquiry); milestones may still be verified.</summary>
public record PaymentsWithheld(Guid ApplicationId, string Reason, DateTimeOffset WithheldAt);

public record PaymentsResumed(Guid ApplicationId, DateTimeOffset ResumedAt);

/// <summary>The base suspended the grant: nothing is verified or paid until it is reinstated.</summary>
public record SubsidySuspended(Guid ApplicationId, string Reason, DateTimeOffset SuspendedAt);

public record SubsidyReinstated(Guid ApplicationId, DateTimeOffset ReinstatedAt);

/// <summary>The base ended the grant; instalments not yet paid never will be.</summary>
public record SubsidyTerminated(Guid ApplicationId, string Reason, DateTimeOffset TerminatedAt);

/// <summary>The base reclaims an amount already paid (CNY), with the reason.</summary>
public record AmountClawedBack(Guid ApplicationId, decimal Amount, string Reason, DateTimeOffset ClawedBackAt);

/// <summary>The grant is settled: every instalment paid, lapsed or ended.</summary>
public record SubsidyClosed(Guid ApplicationId, DateTimeOffset ClosedAt);

public class Review
{
    public string ReviewerId { get; set; } = "";
    public bool ConflictOfInterest { get; set; }
    public Dictionary<string, int>? Scores { get; set; }
    public string? Comments { get; set; }

    /// <summary>A review counts when it was submitted by a reviewer without a declared conflict of interest.</summary>
    public bool IsValid => Scores is not null && !ConflictOfInterest;
}

public class Instalment
{
    public int Number { get; set; }
    public string Name { get; set; } = "";
    public decimal Amount { get; set; }
    public string Milestone { get; set; } = "";
    public DateTimeOffset? DueBy { get; set; }
    public InstalmentState State { get; set; } = InstalmentState.Pending;
    public string? Evidence { get; set; }
    public string? PaymentReference { get; set; }
}

public class SubsidyApplication
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid ApplicantId { get; set; }
    public ApplicationState State { get; set; }
    public CompanyFacts Facts { get; set; } = null!;
    [PersonalData]
    public string EncryptedFounderBirthDate { get; set; } = "";
    public DateTimeOffset DraftedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public EligibilityAssessed? Assessment { get; set; }
    public IReadOnlyList<string> ReturnReasons { get; set; } = [];
    public List<Review> Reviews { get; set; } = [];
    public decimal? GrantedAmount { get; set; }
    public string? GrantPolicyVersion { get; set; }
    public List<Instalment> Instalments { get; set; } = [];
    public IReadOnlyList<string> RejectionReasons { get; set; } = [];
    public bool PaymentsWithheld { get; set; }
    public bool Suspended { get; set; }
    public string? RemedyReason { get; set; }
    public decimal ClawedBack { get; set; }

    /// <summary>CNY released so far.</summary>
    public decimal Paid => Instalments.Where(instalment => instalment.State == InstalmentState.Released).Sum(instalment => instalment.Amount);

    public int ValidReviews => Reviews.Count(review => review.IsValid);

    public Review? ReviewBy(string reviewerId) => Reviews.Find(review => review.ReviewerId == reviewerId);

    /// <summary>The applicant may change it: before submission, or when the base returned it.</summary>
    public bool IsOpenToTheApplicant => State is ApplicationState.Draft or ApplicationState.Returned;

    public static SubsidyApplication Create(ApplicationDrafted drafted) => new()
    {
        Id = drafted.ApplicationId,
        ApplicantId = drafted.ApplicantId,
        State = ApplicationState.Draft,
        Facts = drafted.Facts,
        EncryptedFounderBirthDate = drafted.EncryptedFounderBirthDate,
        DraftedAt = drafted.DraftedAt,
    };

    public void Apply(ApplicationEdited edited)
    {
        Facts = edited.Facts;
        EncryptedFounderBirthDate = edited.EncryptedFounderBirthDate;
    }

    public void Apply(ApplicationSubmitted submitted) => SubmittedAt = submitted.SubmittedAt;

    public void Apply(EligibilityAssessed assessed)
    {
        Assessment = assessed;
        State = assessed.Eligible ? ApplicationState.Eligible : ApplicationState.Ineligible;
        ReturnReasons = [];
    }

    public void Apply(ApplicationReturned returned)
    {
        State = ApplicationState.Returned;
        ReturnReasons = returned.Reasons;
    }

    public void Apply(ReviewerAssigned assigned) => Reviews.Add(new Review { ReviewerId = assigned.ReviewerId });

    public void Apply(ConflictOfInterestDeclared declared) => ReviewBy(declared.ReviewerId)!.ConflictOfInterest = true;

    public void Apply(ReviewSubmitted submitted)
    {
        var review = ReviewBy(submitted.ReviewerId)!;
        review.Scores = submitted.Scores.ToDictionary();
        review.Comments = submitted.Comments;
    }

    public void Apply(ApplicationApproved approved)
    {
        State = ApplicationState.Approved;
        GrantedAmount = approved.Amount;
        GrantPolicyVersion = approved.PolicyVersion;
        Instalments = approved.Instalments.Select(planned => new Instalment
        {
            Number = planned.Number, Name = planned.Name, Amount = planned.Amount, Milestone = planned.Milestone, DueBy = planned.DueBy,
        }).ToList();
    }

    public void Apply(ApplicationRejected rejected)
    {
        State = ApplicationState.Rejected;
        RejectionReasons = rejected.Reasons;
    }

    public void Apply(MilestoneVerified verified)
    {
        var instalment = Instalments.Single(candidate => candidate.Number == verified.Instalment);
        instalment.State = InstalmentState.MilestoneVerified;
        instalment.Evidence = verified.Evidence;
    }

    public void Apply(InstalmentReleased released)
    {
        var instalment = Instalments.Single(candidate => candidate.Number == released.Instalment);
        instalment.State = InstalmentState.Released;
        instalment.PaymentReference = released.PaymentReference;
    }

    public void Apply(InstalmentLapsed lapsed) => Instalments.Single(candidate => candidate.Number == lapsed.Instalment).State = InstalmentState.Lapsed;

    public void Apply(PaymentsWithheld withheld)
    {
        PaymentsWithheld = true;
        RemedyReason = withheld.Reason;
    }

    public void Apply(PaymentsResumed _) => PaymentsWithheld = false;

    public void Apply(SubsidySuspended suspended)
    {
        Suspended = true;
        RemedyReason = suspended.Reason;
    }

    public void Apply(SubsidyReinstated _) => Suspended = false;

    public void Apply(SubsidyTerminated terminated)
    {
        State = ApplicationState.Terminated;
        RemedyReason = terminated.Reason;
    }

    public void Apply(AmountClawedBack clawedBack) => ClawedBack += clawedBack.Amount;

    public void Apply(SubsidyClosed _) => State = ApplicationState.Closed;
}
