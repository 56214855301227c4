using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;

namespace Internships.Permits.Documents;

public static class DownloadDocumentEndpoint
{
    /// <summary>
    /// The document as uploaded, unsealed with the person's key: to the person, their university, the base and the deciding
    /// authority. After the person's erasure it is gone (404), in every store.
    /// </summary>
    [WolverineGet("/api/permit-cases/{id}/documents/{documentId}", Name = "DownloadPermitDocument")]
    [AllowPermitReaders]
    [Tags(PermitAccess.Tag)]
    [ProducesResponseType(typeof(byte[]), StatusCodes.Status200OK, DocumentContent.Pdf, DocumentContent.Jpeg, DocumentContent.Png)]
    [EndpointSummary("Download a document of a permit case")]
    public static async Task<IResult> Get(
        Guid id, Guid documentId, ClaimsPrincipal user, IQuerySession session, IPermitDocumentStorage storage, HttpResponse response,
        CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (await session.LoadAsync<PermitCase>(id, cancellation) is not { } permitCase || !partner.MaySee(permitCase)
            || permitCase.Documents.FirstOrDefault(document => document.Id == documentId) is not { } document)
        {
            return Results.NotFound();
        }

        if (!partner.MayReadDocumentsOf(permitCase))
        {
            return Results.Problem(Problems.Create(Problems.Forbidden, "A company hands documents in but does not read them back.",
                "企业可以提交材料，但不能读取已提交的材料。"));
        }

        var key = await session.LoadAsync<PersonalDataKey>(permitCase.PersonId, cancellation);
        if (await storage.ReadAsync(documentId, cancellation) is not { } sealedContent || key?.Unseal(sealedContent) is not { } content)
        {
            return Results.Problem(Problems.Create(Problems.NotFound, "The document is no longer kept: the person's personal data was erased.",
                "该材料已不再保存：该人员的个人数据已删除。"));
        }

        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(content, document.ContentType, $"{document.Item}-{document.Id}{DocumentContent.ExtensionOf(document.ContentType)}");
    }
}
