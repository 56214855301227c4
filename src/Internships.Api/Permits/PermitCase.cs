using StudentBase.Contracts;
using StudentBase.PersonalData;

namespace Internships.Permits;

/// <summary>The permits the one-window service handles for international students, graduates and founders.</summary>
public enum PermitType
{
    /// <summary>A residence permit annotated for an internship (居留许可 · 实习加注).</summary>
    ResidenceForInternship = 1,

    /// <summary>A work permit for a foreign graduate hired in the city (外国人工作许可).</summary>
    WorkPermitForGraduate = 2,

    /// <summary>A residence permit for work (工作类居留许可).</summary>
    ResidenceForWork = 3,

    /// <summary>A residence permit for entrepreneurship (创业类居留许可).</summary>
    ResidenceForEntrepreneurship = 4,
}

/// <summary>Who decides a permit: the exit-entry administration decides residence permits, the work-permit office work permits.</summary>
public enum PermitAuthority
{
    ExitEntryAdministration = 1,
    WorkPermitOffice = 2,
}

public enum PermitCaseState
{
    /// <summary>Opened; documents are being gathered.</summary>
    Draft = 1,

    /// <summary>Handed to the base, which checks it is complete.</summary>
    Submitted = 2,

    /// <summary>The base sent it back, naming the documents missing or rejected.</summary>
    Returned = 3,

    /// <summary>The base forwarded it, complete, to the authority that decides.</summary>
    Forwarded = 4,

    Approved = 5,
    Refused = 6,
}

public static class PermitTypes
{
    public static PermitAuthority AuthorityOf(PermitType type) =>
        type == PermitType.WorkPermitForGraduate ? PermitAuthority.WorkPermitOffice : PermitAuthority.ExitEntryAdministration;

    /// <summary>The role of the authority's keys.</summary>
    public static PartnerRole RoleOf(PermitAuthority authority) =>
        authority == PermitAuthority.WorkPermitOffice ? PartnerRole.WorkPermitOfficer : PartnerRole.ExitEntryOfficer;

    public static bool IsResidencePermit(PermitType type) => type != PermitType.WorkPermitForGraduate;
}

/// <summary>One document a checklist asks for, by a stable code.</summary>
public record ChecklistItem(string Code, string Description, bool Required);

/// <summary>A document of the checklist the base found missing or rejected, and why.</summary>
public record DocumentShortfall(string Item, string Reason);

/// <summary>
/// A permit case was opened for a person (a student, graduate or founder: their student id) under the checklist in force;
/// the case keeps that checklist whatever the base publishes later.
/// </summary>
/// <param name="HostBranchStationId">The branch station hosting the person (the company that opened the case, or of the person's internship), if any.</param>
public record PermitCaseOpened(
    Guid CaseId, Guid PersonId, Guid UniversityId, Guid? HostBranchStationId, PermitType Type, string ChecklistVersion,
    IReadOnlyList<ChecklistItem> Checklist, string OpenedBy, PartnerRole OpenedByRole, DateTimeOffset OpenedAt);

/// <summary>
/// A document was uploaded for a checklist item. Only its metadata is in the event; the content is stored apart, sealed with
/// the person's key (see <see cref="Documents.IPermitDocumentStorage"/>).
/// </summary>
public record PermitDocumentAttached(Guid CaseId, Guid DocumentId, string Item, string ContentType, long Size, DateTimeOffset AttachedAt);

public record PermitCaseSubmitted(Guid CaseId, DateTimeOffset SubmittedAt);

/// <summary>The base sent the case back: the documents attached for the named items are rejected; new ones must be uploaded.</summary>
public record PermitCaseReturned(Guid CaseId, IReadOnlyList<DocumentShortfall> Shortfalls, DateTimeOffset ReturnedAt);

public record PermitCaseForwarded(Guid CaseId, PermitAuthority Authority, DateTimeOffset ForwardedAt);

/// <summary>The authority granted the permit; its number identifies the person, so it is sealed with their key.</summary>
public record PermitApproved(
    Guid CaseId, Guid PersonId, PermitType Type, [PersonalData] string EncryptedPermitNumber, DateOnly ValidFrom, DateOnly ValidUntil,
    DateTimeOffset ApprovedAt);

public record PermitRefused(Guid CaseId, IReadOnlyList<string> Reasons, DateTimeOffset RefusedAt);

public class PermitCaseDocument
{
    public Guid Id { get; set; }
    public string Item { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public DateTimeOffset AttachedAt { get; set; }
    public string? RejectedFor { get; set; }
}

/// <summary>A permit case, rebuilt from its events.</summary>
public class PermitCase
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid PersonId { get; set; }
    public Guid UniversityId { get; set; }
    public Guid? HostBranchStationId { get; set; }
    public PermitType Type { get; set; }
    public PermitAuthority Authority => PermitTypes.AuthorityOf(Type);
    public string ChecklistVersion { get; set; } = "";
    public List<ChecklistItem> Checklist { get; set; } = [];
    public PermitCaseState State { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public List<PermitCaseDocument> Documents { get; set; } = [];
    public List<DocumentShortfall> Shortfalls { get; set; } = [];
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidUntil { get; set; }
    [PersonalData]
    public string? EncryptedPermitNumber { get; set; }
    public List<string> RefusalReasons { get; set; } = [];
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The person and permit while the case is undecided, so that a second open case for them cannot be stored.</summary>
    public string? OpenCaseKey => State is PermitCaseState.Approved or PermitCaseState.Refused ? null : $"{PersonId}:{Type}";

    /// <summary>Documents can be added while the applicant side holds the case.</summary>
    public bool IsOpenForDocuments => State is PermitCaseState.Draft or PermitCaseState.Returned;

    /// <summary>The required items without a document the base has not rejected.</summary>
    public IReadOnlyList<string> MissingItems => Checklist
        .Where(item => item.Required && !Documents.Any(document => document.Item == item.Code && document.RejectedFor is null))
        .Select(item => item.Code)
        .ToList();

    public static PermitCase Create(PermitCaseOpened opened) => new()
    {
        Id = opened.CaseId,
        PersonId = opened.PersonId,
        UniversityId = opened.UniversityId,
        HostBranchStationId = opened.HostBranchStationId,
        Type = opened.Type,
        ChecklistVersion = opened.ChecklistVersion,
        Checklist = [.. opened.Checklist],
        State = PermitCaseState.Draft,
        OpenedBy = opened.OpenedBy,
        OpenedAt = opened.OpenedAt,
    };

    public void Apply(PermitDocumentAttached attached) => Documents.Add(new PermitCaseDocument
    {
        Id = attached.DocumentId,
        Item = attached.Item,
        ContentType = attached.ContentType,
        Size = attached.Size,
        AttachedAt = attached.AttachedAt,
    });

    public void Apply(PermitCaseSubmitted _) => State = PermitCaseState.Submitted;

    public void Apply(PermitCaseReturned returned)
    {
        State = PermitCaseState.Returned;
        Shortfalls = [.. returned.Shortfalls];
        foreach (var document in Documents.Where(document => document.RejectedFor is null))
        {
            if (returned.Shortfalls.FirstOrDefault(shortfall => shortfall.Item == document.Item) is { } shortfall)
            {
                document.RejectedFor = shortfall.Reason;
            }
        }
    }

    public void Apply(PermitCaseForwarded _)
    {
        State = PermitCaseState.Forwarded;
        Shortfalls = [];
    }

    public void Apply(PermitApproved approved)
    {
        State = PermitCaseState.Approved;
        EncryptedPermitNumber = approved.EncryptedPermitNumber;
        ValidFrom = approved.ValidFrom;
        ValidUntil = approved.ValidUntil;
        DecidedAt = approved.ApprovedAt;
    }

    public void Apply(PermitRefused refused)
    {
        State = PermitCaseState.Refused;
        RefusalReasons = [.. refused.Reasons];
        DecidedAt = refused.RefusedAt;
    }
}
