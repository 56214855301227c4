using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace StudentBase.Http;

/// <summary>
/// A request or response type documents its example with a public static <c>Example</c> property; the schema shows it,
/// serialized exactly as the API would (camelCase, enums as names).
/// </summary>
internal static class ExampleSchemaTransformer
{
    public const string ExampleProperty = "Example";

    public static void Describe(OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (schema is OpenApiSchema concrete
                && type.GetProperty(ExampleProperty, BindingFlags.Public | BindingFlags.Static) is { } property
                && property.PropertyType == type
                && property.GetValue(null) is { } example
                && JsonSerializer.SerializeToNode(example, type,
                    context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions) is { } json)
            {
                concrete.Examples = [json];
            }

            return Task.CompletedTask;
        });
}
