using Internships.Internships;
using Internships.Internships.Amending;

namespace Internships.Tests.Internships;

/// <summary>An amendment as the internship's history tells it.</summary>
public class ReadingAmendments
{
    private static readonly Guid InternshipId = Guid.CreateVersion7();
    private static readonly Guid AmendmentId = Guid.CreateVersion7();
    private static readonly DateTimeOffset ProposedAt = new(2026, 9, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly AmendmentProposed Proposed = new(InternshipId, AmendmentId, new AgreementChanges(null, new DateOnly(2026, 12, 31), null, null),
        "Extended by a month.", AgreementParty.Company, ProposedAt);

    private static Internship Pending(Guid? amendmentId) => new()
    {
        Id = InternshipId,
        PendingAmendment = amendmentId is { } id ? new PendingAmendment(id, Proposed.Changes, Proposed.Reason, AgreementParty.Company, [AgreementParty.Company]) : null,
    };

    [Fact]
    public void an_amendment_awaits_signatures_until_the_third_and_lapses_when_the_internship_ends_first()
    {
        var signed = new AmendmentSignatureGiven(InternshipId, AmendmentId, AgreementParty.Student, ProposedAt.AddDays(1));
        var awaiting = AmendmentDetails.Of(Pending(AmendmentId), [Proposed, signed], AmendmentId).ShouldNotBeNull();
        awaiting.State.ShouldBe(AmendmentState.AwaitingSignatures);
        awaiting.SignedBy.ShouldBe([AgreementParty.Company, AgreementParty.Student]);

        AmendmentDetails.Of(Pending(null), [Proposed, signed], AmendmentId).ShouldNotBeNull().State.ShouldBe(AmendmentState.Lapsed);
        AmendmentDetails.Of(Pending(null), [Proposed], Guid.CreateVersion7()).ShouldBeNull();
    }
}
