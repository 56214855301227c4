using Microsoft.AspNetCore.Http;

namespace StudentBase.Http;

/// <summary>
/// No resource ever has the empty id (all ids are generated), so a route naming it is a 404 before any
/// endpoint sees it; the event store would otherwise refuse the id with an exception.
/// </summary>
public sealed class EmptyIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Request.RouteValues.Values.Any(value => value is string text && Guid.TryParse(text, out var id) && id == Guid.Empty)
            ? Problems.WriteAsync(context, Problems.NotFound)
            : next(context);
}
