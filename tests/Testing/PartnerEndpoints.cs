using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Partners;

namespace StudentBase.Testing;

/// <summary>Every endpoint a partner calls (not the anonymous ones), each with the test key of a role it allows.</summary>
public static class PartnerEndpoints
{
    public static IEnumerable<(string Method, string Pattern, string Key)> Of(IServiceProvider services) => services
        .GetServices<EndpointDataSource>()
        .SelectMany(source => source.Endpoints)
        .OfType<RouteEndpoint>()
        .Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
        .SelectMany(endpoint =>
        {
            var role = endpoint.Metadata.GetOrderedMetadata<AllowAttribute>().SelectMany(allow => allow.AllowedRoles).First();
            return (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), PartnerKeys.ByRole[role]));
        });
}
