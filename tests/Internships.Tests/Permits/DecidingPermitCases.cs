using Internships.Permits;
using Internships.Permits.Deciding;
using Internships.Permits.Documents;
using Internships.Permits.Forwarding;
using Internships.Permits.Returning;
using Internships.Permits.Submitting;
using StudentBase.Contracts;
using StudentBase.Http;

namespace Internships.Tests.Permits;

/// <summary>Given a permit case's history, when documents arrive, the base checks it and the authority decides, then its events or the rule that refuses.</summary>
public class DecidingPermitCases
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, CityTime.Offset);
    private static readonly Guid CaseId = Guid.CreateVersion7();
    private static readonly Guid Daniel = Guid.CreateVersion7();

    private static readonly ChecklistItem[] Checklist =
    [
        new("passport", "Passport", Required: true),
        new("internship-agreement", "Internship agreement", Required: true),
        new("cover-letter", "Cover letter", Required: false),
    ];

    private static PermitCase Given(params object[] history)
    {
        var permitCase = PermitCase.Create(new PermitCaseOpened(CaseId, Daniel, Guid.CreateVersion7(), null, PermitType.ResidenceForInternship,
            "2026-01", Checklist, "xmu-student-system", PartnerRole.University, Now.AddDays(-3)));
        foreach (var happened in history)
        {
            ((dynamic)permitCase).Apply((dynamic)happened);
        }

        return permitCase;
    }

    private static PermitDocumentAttached Attached(string item, Guid? id = null) =>
        new(CaseId, id ?? Guid.CreateVersion7(), item, DocumentContent.Pdf, 1024, Now.AddDays(-2));

    private static readonly PermitDocumentAttached Passport = Attached("passport");
    private static readonly PermitDocumentAttached Agreement = Attached("internship-agreement");
    private static readonly PermitCaseSubmitted Submitted = new(CaseId, Now.AddDays(-1));

    [Fact]
    public void a_document_answers_an_item_of_the_checklist_is_a_pdf_jpeg_or_png_and_arrives_while_the_case_is_with_the_applicant()
    {
        var draft = Given();
        var document = new AttachDocument(Guid.CreateVersion7(), "passport", DocumentContent.Jpeg, 2048);

        AttachDocument.Decide(draft, document, Now).Events
            .ShouldBe([new PermitDocumentAttached(CaseId, document.DocumentId, "passport", DocumentContent.Jpeg, 2048, Now)]);
        AttachDocument.Decide(draft, document with { Item = "diploma" }, Now).Refusal!.Rule.ShouldBe("a-document-answers-an-item-of-the-checklist");
        AttachDocument.Decide(draft, document with { ContentType = null }, Now).Refusal!.Rule.ShouldBe("a-document-is-a-pdf-jpeg-or-png");
        AttachDocument.Decide(Given(Passport, Submitted), document, Now).Refusal!.Rule.ShouldBe("documents-are-added-to-a-draft-or-returned-case");
        PermitDocumentAttached[] tenPages = [.. Enumerable.Range(0, AttachDocument.MaxDocumentsPerItem).Select(_ => Attached("passport"))];
        AttachDocument.Decide(Given(tenPages), document, Now).Refusal!.Rule.ShouldBe("at-most-ten-documents-per-item");
        AttachDocument.Decide(Given([.. tenPages, Submitted, new PermitCaseReturned(CaseId, [new DocumentShortfall("passport", "Unreadable.")], Now)]), document, Now)
            .Events.ShouldHaveSingleItem("rejected documents do not count against the limit");
    }

    [Fact]
    public void the_base_returns_a_case_naming_what_is_missing_or_rejected_and_forwards_only_a_complete_one_to_its_authority()
    {
        var incomplete = Given(Passport, Submitted);
        ForwardPermitCase.Decide(incomplete, Now).Refusal!.Rule.ShouldBe("an-incomplete-case-is-not-forwarded");

        var shortfalls = new[] { new DocumentShortfall("passport", "The scan is unreadable."), new DocumentShortfall("internship-agreement", "Missing.") };
        ReturnPermitCase.Decide(incomplete, shortfalls, Now).Events.ShouldBe([new PermitCaseReturned(CaseId, shortfalls, Now)]);
        ReturnPermitCase.Decide(incomplete, [new DocumentShortfall("diploma", "Missing.")], Now).Refusal!.Rule
            .ShouldBe("a-shortfall-names-an-item-of-the-checklist");
        ReturnPermitCase.Decide(Given(), shortfalls, Now).Refusal!.Rule.ShouldBe("only-a-submitted-case-is-returned");

        var returned = Given(Passport, Submitted, new PermitCaseReturned(CaseId, shortfalls, Now.AddHours(-5)));
        returned.MissingItems.ShouldBe(["passport", "internship-agreement"], "the rejected passport no longer counts");
        var resubmitted = Given(Passport, Submitted, new PermitCaseReturned(CaseId, shortfalls, Now.AddHours(-5)), Attached("passport"), Agreement,
            new PermitCaseSubmitted(CaseId, Now.AddHours(-1)));
        resubmitted.MissingItems.ShouldBeEmpty();
        ForwardPermitCase.Decide(resubmitted, Now).Events.ShouldBe([new PermitCaseForwarded(CaseId, PermitAuthority.ExitEntryAdministration, Now)]);
        ForwardPermitCase.Decide(Given(Passport, Agreement), Now).Refusal!.Rule.ShouldBe("only-a-submitted-case-is-forwarded");
    }

    [Fact]
    public void a_case_is_submitted_from_a_draft_or_after_its_return_and_once()
    {
        SubmitPermitCase.Decide(Given(), Now).Events.ShouldBe([new PermitCaseSubmitted(CaseId, Now)]);
        SubmitPermitCase.Decide(Given(Submitted), Now).ShouldBe(Decision.Nothing);
        SubmitPermitCase.Decide(Given(Passport, Agreement, Submitted, new PermitCaseForwarded(CaseId, PermitAuthority.ExitEntryAdministration, Now)), Now)
            .Refusal!.Rule.ShouldBe("only-a-draft-or-returned-case-is-submitted");
    }

    [Fact]
    public void only_a_forwarded_case_is_decided_and_a_permit_ends_after_it_starts()
    {
        var forwarded = Given(Passport, Agreement, Submitted, new PermitCaseForwarded(CaseId, PermitAuthority.ExitEntryAdministration, Now.AddHours(-1)));
        var approval = new ApprovePermit("XM2026R0012345", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31));

        ApprovePermit.Decide(forwarded, approval, "sealed", null, Now).Events.ShouldBe([
            new PermitApproved(CaseId, Daniel, PermitType.ResidenceForInternship, "sealed", approval.ValidFrom, approval.ValidUntil, Now),
        ]);
        ApprovePermit.Decide(forwarded, approval with { ValidUntil = approval.ValidFrom.AddDays(-1) }, "sealed", null, Now).Refusal!.Rule
            .ShouldBe("a-permit-ends-after-it-starts");
        ApprovePermit.Decide(forwarded, approval with { ValidUntil = approval.ValidFrom }, "sealed", null, Now).Events.ShouldHaveSingleItem("a one-day permit");
        ApprovePermit.Decide(Given(Passport, Agreement, Submitted), approval, "sealed", null, Now).Refusal!.Rule.ShouldBe("only-a-forwarded-case-is-decided");
        RefusePermit.Decide(Given(Passport, Agreement, Submitted), ["No."], Now).Refusal!.Rule.ShouldBe("only-a-forwarded-case-is-decided");
        string[] reasons = ["The workplace is outside the city."];
        RefusePermit.Decide(forwarded, reasons, Now).Events.ShouldBe([new PermitRefused(CaseId, reasons, Now)]);

        var approved = Given(Passport, Agreement, Submitted, new PermitCaseForwarded(CaseId, PermitAuthority.ExitEntryAdministration, Now.AddHours(-1)),
            new PermitApproved(CaseId, Daniel, PermitType.ResidenceForInternship, "sealed", approval.ValidFrom, approval.ValidUntil, Now));
        ApprovePermit.Decide(approved, approval, "sealed again", approval.PermitNumber, Now).ShouldBe(Decision.Nothing);
        ApprovePermit.Decide(approved, approval with { PermitNumber = "XM2026R0099999" }, "sealed again", approval.PermitNumber, Now).Refusal!.Rule
            .ShouldBe("only-a-forwarded-case-is-decided");
        RefusePermit.Decide(approved, ["Too late."], Now).Refusal!.Rule.ShouldBe("only-a-forwarded-case-is-decided");
    }

    [Theory]
    [InlineData(PermitType.ResidenceForInternship, PartnerRole.ExitEntryOfficer)]
    [InlineData(PermitType.ResidenceForWork, PartnerRole.ExitEntryOfficer)]
    [InlineData(PermitType.ResidenceForEntrepreneurship, PartnerRole.ExitEntryOfficer)]
    [InlineData(PermitType.WorkPermitForGraduate, PartnerRole.WorkPermitOfficer)]
    public void residence_permits_are_decided_by_the_exit_entry_administration_and_work_permits_by_the_work_permit_office(PermitType type, PartnerRole role) =>
        PermitTypes.RoleOf(PermitTypes.AuthorityOf(type)).ShouldBe(role);

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A, 0x25, 0x25, 0x45, 0x4F, 0x46, 0x0A }, DocumentContent.Pdf)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0xFF, 0xD9 }, DocumentContent.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, DocumentContent.Png)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A }, null)]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, null)]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E }, null)]
    public void what_a_document_is_is_told_from_its_content(byte[] content, string? type) =>
        DocumentContent.TypeOf(content).ShouldBe(type);
}
