using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace StudentBase.Http;

/// <summary>What one group of operations in the OpenAPI document is for, declared by the module that maps them.</summary>
public sealed record ApiTag(string Name, string Description);

public static class ApiTags
{
    /// <summary>Describes a tag of this service's OpenAPI document (the module's name, or one its endpoints name with <c>[Tags]</c>).</summary>
    public static IServiceCollection DescribeApiTag(this IServiceCollection services, string name, string description) =>
        services.AddSingleton(new ApiTag(name, description));

    internal static void Describe(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, context, _) =>
        {
            var descriptions = context.ApplicationServices.GetServices<ApiTag>()
                .GroupBy(tag => tag.Name)
                .ToDictionary(group => group.Key, group => group.First().Description);
            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            {
                if (tag.Name is { } name && descriptions.TryGetValue(name, out var description))
                {
                    tag.Description = description;
                }
            }

            return Task.CompletedTask;
        });
}
