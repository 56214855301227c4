using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace StudentBase.Http;

public static class Commands
{
    /// <summary>The command an HTTP request carries: its endpoint's name (e.g. <c>SignAgreement</c>).</summary>
    public static string NameOf(HttpContext context) =>
        context.GetEndpoint() is { } endpoint
            ? endpoint.Metadata.GetMetadata<HttpChain>()?.DisplayName ?? endpoint.DisplayName ?? "unknown"
            : "unknown";
}
