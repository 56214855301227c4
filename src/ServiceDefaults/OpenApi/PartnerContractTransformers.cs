using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using StudentBase.ServiceDefaults.Idempotency;
using StudentBase.ServiceDefaults.Partners;

namespace StudentBase.ServiceDefaults.OpenApi;

/// <summary>
/// Describes the partner contract in every service's OpenAPI document: the API-key scheme, the roles each
/// operation allows, every error answer as problem details, and the Idempotency-Key, If-Match and ETag headers.
/// </summary>
internal static class PartnerContractTransformers
{
    private const string ProblemSchema = "Problem";
    private const string ProblemContentType = "application/problem+json";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description =
                "Authenticate with your API key in the X-Api-Key header. Errors are RFC 9457 problem details whose " +
                "'type' names the kind of error (GET it for a description). POSTs accept an Idempotency-Key header for safe " +
                "retries; reads of a resource answer an ETag that writes accept in If-Match. Lists are paged with opaque cursors.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "The API key the base issued to your system. Each key has one role and, for universities, " +
                              "companies and applicants, one scope.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas.Remove("IResult");
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

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var allowed = metadata.OfType<AllowAttribute>().SelectMany(allow => allow.AllowedRoles).Distinct().ToList();
            if (allowed.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
            {
                return Task.CompletedTask;
            }

            var document = context.Document!;
            DropResultPlaceholders(operation);
            var method = context.Description.HttpMethod ?? "GET";
            var route = context.Description.RelativePath ?? "";

            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] }];
            operation.Description = $"{operation.Description}\n\nAllowed roles: {string.Join(", ", allowed)}.".Trim();
            operation.Responses ??= new OpenApiResponses();
            operation.Parameters ??= [];

            AddProblem(operation, document, Problems.Unauthenticated);
            AddProblem(operation, document, Problems.Forbidden);
            AddProblem(operation, document, Problems.RateLimited);
            AddProblem(operation, document, Problems.Validation);
            if (route.Contains('{'))
            {
                AddProblem(operation, document, Problems.NotFound);
            }

            if (HttpMethods.IsPost(method))
            {
                AddProblem(operation, document, Problems.PayloadTooLarge);
                AddProblem(operation, document, Problems.UnsupportedMediaType);
                AddProblem(operation, document, Problems.IdempotencyKeyReused);
                AddProblem(operation, document, Problems.Conflict);
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyMiddleware.HeaderName,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Any unique string (a UUID is best). A retry with the same key and body returns the first " +
                                  "response and changes nothing; the same key with another body is a 422. Kept for 24 hours.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyMiddleware.MaxKeyLength },
                });
            }

            if (metadata.OfType<HonoursIfMatchAttribute>().Any())
            {
                AddProblem(operation, document, Problems.PreconditionFailed);
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "The ETag you read. When the resource has changed since, the write is refused with 412.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            if (metadata.OfType<AnswersETagAttribute>().Any() || metadata.OfType<HonoursIfMatchAttribute>().Any())
            {
                foreach (var (status, response) in operation.Responses.Where(response => response.Key.StartsWith('2')).ToList())
                {
                    if (response is OpenApiResponse concrete)
                    {
                        concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                        concrete.Headers["ETag"] = new OpenApiHeader
                        {
                            Description = "The resource's version; send it back in If-Match to write only if nobody changed it since.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                        };
                    }
                }
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// An endpoint that answers an IResult documents a 200 with an "IResult" body; its real answers are
    /// declared with ProducesResponseType, so the placeholder goes.
    /// </summary>
    private static void DropResultPlaceholders(OpenApiOperation operation)
    {
        foreach (var (status, response) in operation.Responses?.ToList() ?? [])
        {
            if (response.Content?.Values.Any(media => media.Schema is OpenApiSchemaReference { Reference.Id: "IResult" }) == true)
            {
                operation.Responses!.Remove(status);
            }
        }
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, ProblemKind kind)
    {
        var status = kind.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Every error answer is the platform's problem shape, whatever a framework declared for the status.
        operation.Responses![status] = new OpenApiResponse
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
