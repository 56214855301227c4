using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Permits.Documents;

/// <summary>A document uploaded for an item of the case's checklist: what the content was found to be, and how big it is.</summary>
public record AttachDocument(Guid DocumentId, string Item, string? ContentType, long Size)
{
    public const int MaxDocumentsPerItem = 10;

    /// <summary>
    /// A document answers an item of the checklist the case was opened under, is a PDF, JPEG or PNG by its content, and is
    /// added while the case is with the applicant side (a draft, or returned for completion).
    /// </summary>
    public static Decision Decide(PermitCase permitCase, AttachDocument document, DateTimeOffset now)
    {
        if (!permitCase.IsOpenForDocuments)
        {
            return new Refusal("documents-are-added-to-a-draft-or-returned-case",
                $"The case is {permitCase.State}; documents are added while it is a draft or returned for completion.",
                $"该案件当前状态为 {permitCase.State}；仅在草稿或退回补正状态下可以添加材料。");
        }

        if (permitCase.Checklist.All(item => item.Code != document.Item))
        {
            return new Refusal("a-document-answers-an-item-of-the-checklist",
                $"'{document.Item}' is not an item of checklist {permitCase.ChecklistVersion} for a {permitCase.Type} permit.",
                $"'{document.Item}' 不是 {permitCase.Type} 许可材料清单 {permitCase.ChecklistVersion} 中的项目。");
        }

        if (document.ContentType is null)
        {
            return new Refusal("a-document-is-a-pdf-jpeg-or-png",
                "The file's content is not a PDF, JPEG or PNG (whatever its name or declared type says).",
                "该文件的内容不是 PDF、JPEG 或 PNG（无论其文件名或声明的类型如何）。");
        }

        if (permitCase.Documents.Count(attached => attached.Item == document.Item && attached.RejectedFor is null) >= MaxDocumentsPerItem)
        {
            return new Refusal("at-most-ten-documents-per-item",
                $"'{document.Item}' already has {MaxDocumentsPerItem} documents standing.", $"'{document.Item}' 已有 {MaxDocumentsPerItem} 份有效材料。");
        }

        return Decision.Of(new PermitDocumentAttached(permitCase.Id, document.DocumentId, document.Item, document.ContentType, document.Size, now));
    }
}

public static class AttachDocumentEndpoint
{
    /// <summary>
    /// Answers 201 with the document's id and where to download it. The content is sealed with the person's key before it is
    /// stored; only its type and size are recorded in the case's history.
    /// </summary>
    [WolverinePost("/api/permit-cases/{id}/checklist/{item}/documents", Name = "AttachPermitDocument")]
    [AllowPermitParties]
    [AcceptsUpload(DocumentContent.MaxBytes)]
    [Tags(PermitAccess.Tag)]
    [ProducesResponseType<NewResource<Guid>>(StatusCodes.Status201Created)]
    [EndpointSummary("Upload a document (PDF, JPEG or PNG, up to 10 MiB) for an item of the case's checklist, as multipart/form-data")]
    public static async Task<(IResult, Events)> Post(
        string item,
        [WriteAggregate] PermitCase permitCase,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IDocumentSession session,
        IPermitDocumentStorage storage,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        if (!user.Partner().ActsForPersonOf(permitCase))
        {
            return (Results.NotFound(), []);
        }

        var (content, problem) = await ReadFileAsync(request, cancellation);
        if (content is null)
        {
            return (Results.Problem(problem!), []);
        }

        var documentId = Guid.CreateVersion7();
        var key = await session.LoadAsync<PersonalDataKey>(permitCase.PersonId, cancellation);
        var decision = key is { IsErased: false }
            ? AttachDocument.Decide(permitCase, new AttachDocument(documentId, item, DocumentContent.TypeOf(content), content.Length), clock.GetUtcNow())
            : new Refusal("an-erased-person-has-no-documents", "The person's personal data was erased; nothing more is kept about them.",
                "该人员的个人数据已删除；不再保存其任何信息。");
        var (result, events) = decision.Respond(request, response, permitCase.Version);
        if (events.Count == 0)
        {
            return (result, events);
        }

        await storage.KeepAsync(session, documentId, permitCase.PersonId, key!.Seal(content), cancellation);
        var location = $"/api/permit-cases/{permitCase.Id}/documents/{documentId}";
        return (Results.Created(location, new NewResource<Guid>(documentId, location)), events);
    }

    /// <summary>The uploaded file's bytes, or the problem with the request: not multipart, no file, an empty or an oversized one.</summary>
    private static async Task<(byte[]? Content, ProblemDetails? Problem)> ReadFileAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (!request.HasFormContentType)
        {
            return (null, Problems.Create(Problems.UnsupportedMediaType,
                $"Send the document as multipart/form-data, in the part '{AcceptsUploadAttribute.FilePart}'.",
                $"请以 multipart/form-data 发送材料，放在 '{AcceptsUploadAttribute.FilePart}' 部分中。"));
        }

        IFormFile? file;
        try
        {
            file = (await request.ReadFormAsync(cancellation)).Files.GetFile(AcceptsUploadAttribute.FilePart);
        }
        catch (InvalidDataException malformed)
        {
            return (null, Problems.Create(Problems.MalformedRequest, malformed.Message, $"无法读取 multipart 请求体：{malformed.Message}"));
        }
        catch (IOException cutShort) when (cutShort is not BadHttpRequestException)
        {
            return (null, Problems.Create(Problems.MalformedRequest, "The multipart body ended before its last part.", "multipart 请求体在最后一个部分之前就已结束。"));
        }

        if (file is null || file.Length == 0)
        {
            return (null, Validation.Problem(AcceptsUploadAttribute.FilePart, "Attach the document, not empty, as the part 'file'.",
                "请将材料（不得为空）放在 'file' 部分中上传。"));
        }

        if (file.Length > DocumentContent.MaxBytes)
        {
            return (null, Problems.Create(Problems.PayloadTooLarge, $"A document is at most {DocumentContent.MaxBytes / 1024 / 1024} MiB.",
                $"每份材料最大为 {DocumentContent.MaxBytes / 1024 / 1024} MiB。"));
        }

        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, cancellation);
        return (content, null);
    }
}
