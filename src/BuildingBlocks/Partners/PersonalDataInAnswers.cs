using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.PersonalData;
using Wolverine.Http;

namespace StudentBase.Partners;

/// <summary>
/// A role that may not see personal data (an analyst, a reviewer, finance, an operator) gets every answer with the members its
/// type classifies as <see cref="DataClasses.PersonalData"/> answered as null: the same classification the history and the
/// operators' views honour, applied once for every endpoint.
/// </summary>
public sealed class PersonalDataInAnswers(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Partner.From(context.User) is not { } partner || partner.MaySeePersonalData()
            || context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.ResourceType is not { } answer)
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true && buffer.Length > 0)
        {
            var json = JsonNode.Parse(buffer.ToArray());
            ClassifiedData.Redact(json, answer, DataClasses.PersonalData);
            var redacted = System.Text.Encoding.UTF8.GetBytes(json?.ToJsonString() ?? "null");
            context.Response.ContentLength = redacted.Length;
            await original.WriteAsync(redacted, context.RequestAborted);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }
}
