using FluentValidation;
using StudentBase.Http;

namespace Internships.Placements;

public enum PlacementState
{
    AwaitingApproval = 1,
    SentBack = 2,
    Open = 3,
    Filled = 4,
    Withdrawn = 5,
}

/// <summary>What a placement offers; posted by the branch station, changed only by resubmitting after the base sent it back.</summary>
/// <param name="Location">Where the intern works; a residence-permit endorsement must name this place.</param>
public record PlacementOffer(string Title, string Description, int Slots, DateOnly StartDate, DateOnly EndDate, string Location)
{
    public static PlacementOffer Example { get; } = new(
        "Script writing (剧本创作)", "Write and polish scripts for short videos introducing Xiamen to young audiences abroad.", 2,
        new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), "Software Park Phase I, Xiamen");

    public PlacementOffer Trimmed() => this with { Title = Title.Trim(), Description = Description.Trim(), Location = Location.Trim() };

    public sealed class Validator : AbstractValidator<PlacementOffer>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Description).NotEmpty().MaximumLength(4000);
            RuleFor(x => x.Slots).InclusiveBetween(1, 500);
            RuleFor(x => x.StartDate).NotEmpty();
            RuleFor(x => x.EndDate).NotEmpty().GreaterThan(x => x.StartDate).WithMessage("The end date must come after the start date.",
                "结束日期必须晚于开始日期。");
            RuleFor(x => x.Location).NotEmpty().MaximumLength(200);
        }
    }
}

/// <summary>A branch station posted an opening (e.g. script writing, 剧本创作) for the base to approve.</summary>
public record PlacementPosted(Guid PlacementId, Guid BranchStationId, PlacementOffer Offer, DateTimeOffset PostedAt);

public record PlacementApproved(Guid PlacementId, DateTimeOffset ApprovedAt);

/// <summary>The base sent the placement back to the branch station with the reason.</summary>
public record PlacementSentBack(Guid PlacementId, string Reason, DateTimeOffset SentBackAt);

/// <summary>The branch station changed the placement as asked and submitted it again.</summary>
public record PlacementResubmitted(Guid PlacementId, PlacementOffer Offer, DateTimeOffset ResubmittedAt);

/// <summary>An agreement signed by all three parties took one of the placement's slots.</summary>
public record PlacementSlotTaken(Guid PlacementId, Guid InternshipId, DateTimeOffset TakenAt);

/// <summary>The last slot was taken: the placement is closed.</summary>
public record PlacementFilled(Guid PlacementId, DateTimeOffset FilledAt);

/// <summary>The branch station (or the base) withdrew the placement: it is closed.</summary>
public record PlacementWithdrawn(Guid PlacementId, string Reason, DateTimeOffset WithdrawnAt);

public class Placement
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid BranchStationId { get; set; }
    public PlacementOffer Offer { get; set; } = new("", "", 0, default, default, "");
    public PlacementState State { get; set; }
    public string? StateReason { get; set; }
    public List<Guid> SlotsTakenBy { get; set; } = [];
    public DateTimeOffset PostedAt { get; set; }

    public int SlotsLeft => Offer.Slots - SlotsTakenBy.Count;

    public static Placement Create(PlacementPosted posted) => new()
    {
        Id = posted.PlacementId,
        BranchStationId = posted.BranchStationId,
        Offer = posted.Offer,
        State = PlacementState.AwaitingApproval,
        PostedAt = posted.PostedAt,
    };

    public void Apply(PlacementApproved _)
    {
        State = PlacementState.Open;
        StateReason = null;
    }

    public void Apply(PlacementSentBack sentBack)
    {
        State = PlacementState.SentBack;
        StateReason = sentBack.Reason;
    }

    public void Apply(PlacementResubmitted resubmitted)
    {
        Offer = resubmitted.Offer;
        State = PlacementState.AwaitingApproval;
        StateReason = null;
    }

    public void Apply(PlacementSlotTaken taken) => SlotsTakenBy.Add(taken.InternshipId);

    public void Apply(PlacementFilled _) => State = PlacementState.Filled;

    public void Apply(PlacementWithdrawn withdrawn)
    {
        State = PlacementState.Withdrawn;
        StateReason = withdrawn.Reason;
    }

    /// <summary>The rules of a placement: each decision is its events, or a refusal naming the rule.</summary>
    public static class Decide
    {
        public static Decision Approve(Placement placement, DateTimeOffset now) => placement.State switch
        {
            PlacementState.AwaitingApproval => Decision.Of(new PlacementApproved(placement.Id, now)),
            PlacementState.Open => Decision.Nothing,
            _ => new Refusal("only-a-placement-awaiting-approval-is-approved",
                $"Only a placement awaiting approval can be approved; this one is {placement.State}.",
                $"只有待审批的实习岗位才能批准；该实习岗位当前状态为 {placement.State}。"),
        };

        public static Decision SendBack(Placement placement, string reason, DateTimeOffset now) => placement.State switch
        {
            PlacementState.AwaitingApproval => Decision.Of(new PlacementSentBack(placement.Id, reason, now)),
            PlacementState.SentBack => Decision.Nothing,
            _ => new Refusal("only-a-placement-awaiting-approval-is-sent-back",
                $"Only a placement awaiting approval can be sent back; this one is {placement.State}.",
                $"只有待审批的实习岗位才能退回；该实习岗位当前状态为 {placement.State}。"),
        };

        public static Decision Resubmit(Placement placement, PlacementOffer offer, DateTimeOffset now) => placement.State switch
        {
            PlacementState.SentBack => Decision.Of(new PlacementResubmitted(placement.Id, offer, now)),
            PlacementState.AwaitingApproval when placement.Offer == offer => Decision.Nothing,
            _ => new Refusal("only-a-sent-back-placement-is-resubmitted",
                $"Only a placement the base sent back can be resubmitted; this one is {placement.State}.",
                $"只有被基地退回的实习岗位才能重新提交；该实习岗位当前状态为 {placement.State}。"),
        };

        public static Decision Withdraw(Placement placement, string reason, DateTimeOffset now) => placement.State switch
        {
            PlacementState.AwaitingApproval or PlacementState.SentBack or PlacementState.Open =>
                Decision.Of(new PlacementWithdrawn(placement.Id, reason, now)),
            PlacementState.Withdrawn => Decision.Nothing,
            _ => new Refusal("a-filled-placement-is-already-closed",
                "Every slot of this placement is taken; it is closed.",
                "该实习岗位的名额已全部占满，岗位已关闭。"),
        };

        /// <summary>An agreement signed by all three parties takes a slot; the last slot closes the placement.</summary>
        public static Decision TakeSlot(Placement placement, Guid internshipId, DateTimeOffset now)
        {
            if (placement.SlotsTakenBy.Contains(internshipId))
            {
                return Decision.Nothing;
            }

            if (placement.State == PlacementState.Filled || (placement.State == PlacementState.Open && placement.SlotsLeft <= 0))
            {
                return new Refusal("placement-has-no-slot-left", "Every slot of this placement is taken.", "该实习岗位的名额已全部占满。");
            }

            if (placement.State != PlacementState.Open)
            {
                return new Refusal("placement-must-be-open",
                    $"The placement is {placement.State}, not open.",
                    $"该实习岗位当前状态为 {placement.State}，未开放。");
            }

            return placement.SlotsLeft == 1
                ? Decision.Of(new PlacementSlotTaken(placement.Id, internshipId, now), new PlacementFilled(placement.Id, now))
                : Decision.Of(new PlacementSlotTaken(placement.Id, internshipId, now));
        }
    }
}
