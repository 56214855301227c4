using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace StudentBase.Http;

/// <summary>An endpoint that takes an upload (<see cref="AcceptsUploadAttribute"/>) is documented as one binary part, <c>file</c>.</summary>
internal static class UploadContract
{
    public static void Describe(OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AcceptsUploadAttribute>().FirstOrDefault() is not { } upload)
            {
                return Task.CompletedTask;
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = $"The file as the part '{AcceptsUploadAttribute.FilePart}', up to {upload.MaxFileBytes / 1024 / 1024} MiB.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { AcceptsUploadAttribute.FilePart },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                [AcceptsUploadAttribute.FilePart] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                            },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
