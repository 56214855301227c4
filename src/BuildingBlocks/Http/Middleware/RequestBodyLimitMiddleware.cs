using Microsoft.AspNetCore.Http;

namespace StudentBase.Http;

/// <summary>
/// Refuses a declared body over the limit before anything reads it. Kestrel enforces the same limit on bodies
/// of unknown length as they stream in (a 413 through the exception handler).
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentLength > RequestLimits.MaxBodyBytes
            ? Problems.WriteAsync(context, Problems.PayloadTooLarge)
            : next(context);
}
