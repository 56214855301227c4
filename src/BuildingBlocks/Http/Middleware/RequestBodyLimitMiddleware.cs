using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace StudentBase.Http;

/// <summary>
/// Refuses a declared body over the endpoint's limit before anything reads it (the JSON limit, or an upload's own). Kestrel
/// enforces the same limit on bodies of unknown length as they stream in (a 413 through the exception handler).
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = RequestLimits.MaxBodyBytesOf(context);
        if (context.Request.ContentLength > limit)
        {
            return limit == RequestLimits.MaxBodyBytes
                ? Problems.WriteAsync(context, Problems.PayloadTooLarge)
                : Problems.WriteAsync(context, Problems.PayloadTooLarge, $"This endpoint takes files up to {(limit - RequestLimits.MultipartOverheadBytes) / 1024 / 1024} MiB.",
                    $"此端点接受的文件最大为 {(limit - RequestLimits.MultipartOverheadBytes) / 1024 / 1024} MiB。");
        }

        if (limit != RequestLimits.MaxBodyBytes && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
