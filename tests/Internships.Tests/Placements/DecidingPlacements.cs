using Internships.Placements;
using StudentBase.Http;

namespace Internships.Tests.Placements;

/// <summary>Given a placement's history, when it is decided on, then its events or a named refusal.</summary>
public class DecidingPlacements
{
    private static readonly DateTimeOffset Now = new(2024, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly PlacementOffer Offer = new("Script writing", "Short videos", 2, new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), "Software Park");

    private static Placement Given(params object[] history)
    {
        var placement = Placement.Create(new PlacementPosted(Guid.CreateVersion7(), Guid.CreateVersion7(), Offer, Now.AddDays(-3)));
        foreach (var happened in history)
        {
            ((dynamic)placement).Apply((dynamic)happened);
        }

        return placement;
    }

    private static PlacementApproved Approved => new(Guid.Empty, Now.AddDays(-2));
    private static PlacementSlotTaken Taken(Guid internshipId) => new(Guid.Empty, internshipId, Now.AddDays(-1));

    [Fact]
    public void a_posted_placement_is_approved_once()
    {
        var placement = Given();
        Placement.Decide.Approve(placement, Now).Events.ShouldBe([new PlacementApproved(placement.Id, Now)]);
        Placement.Decide.Approve(Given(Approved), Now).ShouldBe(Decision.Nothing);
    }

    [Fact]
    public void a_sent_back_placement_is_resubmitted_changed_and_awaits_approval_again()
    {
        var placement = Given(new PlacementSentBack(Guid.Empty, "say the hours", Now.AddDays(-1)));
        placement.State.ShouldBe(PlacementState.SentBack);
        var changed = Offer with { Description = "Short videos, 24 hours a week" };

        var decision = Placement.Decide.Resubmit(placement, changed, Now);

        decision.Events.ShouldBe([new PlacementResubmitted(placement.Id, changed, Now)]);
        Placement.Decide.Resubmit(Given(Approved), changed, Now).Refusal!.Rule.ShouldBe("only-a-sent-back-placement-is-resubmitted");
    }

    [Fact]
    public void only_a_placement_awaiting_approval_is_sent_back() =>
        Placement.Decide.SendBack(Given(Approved), "late", Now).Refusal!.Rule.ShouldBe("only-a-placement-awaiting-approval-is-sent-back");

    [Fact]
    public void the_last_slot_closes_the_placement_as_filled()
    {
        var first = Guid.CreateVersion7();
        var placement = Given(Approved, Taken(first));
        var second = Guid.CreateVersion7();

        Placement.Decide.TakeSlot(placement, second, Now).Events
            .ShouldBe([new PlacementSlotTaken(placement.Id, second, Now), new PlacementFilled(placement.Id, Now)]);
    }

    [Fact]
    public void a_filled_placement_has_no_slot_left_and_the_same_internship_never_takes_two()
    {
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        var filled = Given(Approved, Taken(first), Taken(second), new PlacementFilled(Guid.Empty, Now));

        Placement.Decide.TakeSlot(filled, Guid.CreateVersion7(), Now).Refusal!.Rule.ShouldBe("placement-has-no-slot-left");
        Placement.Decide.TakeSlot(filled, second, Now).ShouldBe(Decision.Nothing);
        filled.SlotsLeft.ShouldBe(0);
    }

    [Fact]
    public void a_placement_not_yet_approved_gives_no_slot() =>
        Placement.Decide.TakeSlot(Given(), Guid.CreateVersion7(), Now).Refusal!.Rule.ShouldBe("placement-must-be-open");

    [Fact]
    public void a_filled_placement_cannot_be_withdrawn_but_an_open_one_can()
    {
        Placement.Decide.Withdraw(Given(Approved, Taken(Guid.NewGuid()), Taken(Guid.NewGuid()), new PlacementFilled(Guid.Empty, Now)), "x", Now)
            .Refusal!.Rule.ShouldBe("a-filled-placement-is-already-closed");
        var open = Given(Approved);
        Placement.Decide.Withdraw(open, "project cancelled", Now).Events.ShouldBe([new PlacementWithdrawn(open.Id, "project cancelled", Now)]);
    }
}
