using System.Security.Claims;
using Marten;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;

namespace Internships.Permits.Getting;

/// <summary>A document of the case: what it is, never its content (download it at <paramref name="Url"/>).</summary>
/// <param name="RejectedFor">Why the base rejected it when it returned the case; null while it stands.</param>
public record PermitDocumentSummary(Guid Id, string Item, string ContentType, long Size, DateTimeOffset AttachedAt, string? RejectedFor, string Url);

/// <summary>An item of the checklist the case was opened under, and whether it is answered.</summary>
public record ChecklistItemStatus(string Code, string Description, bool Required, bool Answered);

/// <summary>The permit granted.</summary>
/// <param name="PermitNumber">Masked but for its last characters for a company, in full for the others who may see the case.</param>
public record GrantedPermit([property: PersonalData] string? PermitNumber, DateOnly ValidFrom, DateOnly ValidUntil, DateTimeOffset ApprovedAt);

public record PermitCaseDetails(
    Guid Id,
    Guid PersonId,
    Guid UniversityId,
    Guid? HostBranchStationId,
    PermitType Type,
    PermitAuthority Authority,
    PermitCaseState State,
    string ChecklistVersion,
    IReadOnlyList<ChecklistItemStatus> Checklist,
    IReadOnlyList<PermitDocumentSummary> Documents,
    IReadOnlyList<DocumentShortfall> Shortfalls,
    GrantedPermit? Permit,
    IReadOnlyList<string> RefusalReasons,
    DateTimeOffset OpenedAt,
    int Version)
{
    public static PermitCaseDetails Example { get; } = new(
        Guid.Parse("0196f0c4-5555-7000-8000-000000000001"), Guid.Parse("0196f0c4-1111-7000-8000-000000000001"),
        Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), Guid.Parse("0196f0c4-0000-7000-8000-00000000b001"), PermitType.ResidenceForInternship,
        PermitAuthority.ExitEntryAdministration, PermitCaseState.Returned, "2026-01",
        [new ChecklistItemStatus("passport", "Passport: the personal data page (护照个人资料页)", true, false)],
        [new PermitDocumentSummary(Guid.Parse("0196f0c4-6666-7000-8000-000000000001"), "passport", "application/pdf", 482_113,
            new DateTimeOffset(2026, 6, 2, 10, 0, 0, TimeSpan.FromHours(8)), "The scan cuts off the machine-readable zone.",
            "/api/permit-cases/0196f0c4-5555-7000-8000-000000000001/documents/0196f0c4-6666-7000-8000-000000000001")],
        [new DocumentShortfall("passport", "The scan cuts off the machine-readable zone.")], null, [],
        new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)), 4);

    public static PermitCaseDetails Of(PermitCase permitCase, string? permitNumber) => new(
        permitCase.Id, permitCase.PersonId, permitCase.UniversityId, permitCase.HostBranchStationId, permitCase.Type, permitCase.Authority,
        permitCase.State, permitCase.ChecklistVersion,
        [.. permitCase.Checklist.Select(item => new ChecklistItemStatus(item.Code, item.Description, item.Required,
            permitCase.Documents.Any(document => document.Item == item.Code && document.RejectedFor is null)))],
        [.. permitCase.Documents.Select(document => new PermitDocumentSummary(document.Id, document.Item, document.ContentType, document.Size,
            document.AttachedAt, document.RejectedFor, $"/api/permit-cases/{permitCase.Id}/documents/{document.Id}"))],
        permitCase.Shortfalls,
        permitCase is { State: PermitCaseState.Approved, ValidFrom: { } from, ValidUntil: { } until, DecidedAt: { } approvedAt }
            ? new GrantedPermit(permitNumber, from, until, approvedAt)
            : null,
        permitCase.RefusalReasons,
        permitCase.OpenedAt,
        permitCase.Version);
}

public static class GetPermitCaseEndpoint
{
    [WolverineGet("/api/permit-cases/{id}", Name = "GetPermitCase")]
    [AllowPermitReaders]
    [Tags(PermitAccess.Tag)]
    [AnswersETag]
    [EndpointSummary("A permit case: its checklist, documents, state and decision")]
    public static async Task<PermitCaseDetails?> Get(Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (await session.LoadAsync<PermitCase>(id, cancellation) is not { } permitCase || !partner.MaySee(permitCase))
        {
            return null;
        }

        var number = await session.RevealAsync(permitCase.PersonId, permitCase.EncryptedPermitNumber, cancellation);
        response.SetETag(permitCase.Version);
        return PermitCaseDetails.Of(permitCase, number is null || partner.MayReadDocumentsOf(permitCase) ? number : PersonalDataKeys.Mask(number, 4));
    }
}
