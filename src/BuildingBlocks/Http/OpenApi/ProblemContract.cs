using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace StudentBase.Http;

/// <summary>
/// Describes the platform's errors in every service's OpenAPI document: one RFC 9457 problem schema, and each error answer
/// of an operation as that schema with its kind's type, title and description.
/// </summary>
public static class ProblemContract
{
    private const string ProblemSchema = "Problem";
    private const string ProblemContentType = "application/problem+json";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas.Remove("IResult");
            // Every error answer refers to the problem schema below, so the framework's own ProblemDetails goes unused.
            document.Components.Schemas.Remove("ProblemDetails");
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            document.Components.Schemas[ProblemSchema] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "RFC 9457 problem details.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The kind of error, e.g. /problems/validation." },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["errors"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object | JsonSchemaType.Null,
                        Description = "For validation problems: each invalid field, named as in the JSON, with its messages.",
                        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                },
            };
            return Task.CompletedTask;
        });

        // An optional enum property is already written as "null or the enum"; the enum's shared schema is built from whichever
        // use is met first, so null would otherwise sometimes appear among the values a required property accepts.
        options.AddSchemaTransformer((schema, _, _) =>
        {
            if (schema is { Enum: { Count: > 0 } values } && values.Any(value => value is null))
            {
                schema.Enum = values.Where(value => value is not null).ToList();
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Documents an error answer of the operation as the platform's problem shape, whatever a framework declared for the status.</summary>
    public static void AddProblem(this OpenApiOperation operation, OpenApiDocument document, ProblemKind kind)
    {
        var status = kind.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        operation.Responses ??= new OpenApiResponses();
        operation.Responses[status] = new OpenApiResponse
        {
            Description = $"{kind.Title} (type {kind.Type}) {kind.Description}",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = new()
                {
                    Schema = new OpenApiSchemaReference(ProblemSchema, document),
                    Example = JsonNode.Parse($$"""{"type":"{{kind.Type}}","title":"{{kind.Title}}","status":{{kind.Status}}}"""),
                },
            },
        };
    }
}
